package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pid files of a stack's processes under {@code <data>/run/}: how {@code down}, {@code status} and
 * the next {@code up} find processes after the JVM that started them has gone.
 *
 * <p>Each file holds the pid and the process start time, so a pid the OS reused for another
 * process is never mistaken for a service.
 */
public final class PidFiles {
    private static final Logger LOG = LoggerFactory.getLogger(PidFiles.class);

    private static final String OWNER = "lakehouse-up";

    private final Path runDir;

    public PidFiles(Path runDir) {
        this.runDir = runDir;
    }

    /** Records that {@code service} runs as {@code process}. */
    public void write(StackService service, ProcessHandle process) {
        write(service.serviceName(), process);
    }

    /** Records the JVM that owns (started) the stack, which {@code down} asks to stop first. */
    public void writeOwner(ProcessHandle process) {
        write(OWNER, process);
    }

    public void delete(StackService service) {
        delete(service.serviceName());
    }

    public void deleteOwner() {
        delete(OWNER);
    }

    /** The live process of {@code service}, if its pid file names one; a stale pid file is deleted. */
    public Optional<ProcessHandle> live(StackService service) {
        return live(service.serviceName());
    }

    /** The live JVM that started the stack (e.g. {@code lakehouse up}), if any. */
    public Optional<ProcessHandle> liveOwner() {
        return live(OWNER);
    }

    private void write(String name, ProcessHandle process) {
        try {
            Files.createDirectories(runDir);
            long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            Files.writeString(file(name), process.pid() + " " + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write pid file of " + name, e);
        }
    }

    private void delete(String name) {
        try {
            Files.deleteIfExists(file(name));
        } catch (IOException e) {
            LOG.warn("Cannot delete pid file {}: {}", file(name), e.toString());
        }
    }

    private Optional<ProcessHandle> live(String name) {
        Path file = file(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Optional<ProcessHandle> process = read(file).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            LOG.info("Removing stale pid file {} (process gone)", file);
            delete(name);
        }
        return process;
    }

    /** Every service whose pid file names a live process, in start order. */
    public Map<StackService, ProcessHandle> liveServices() {
        Map<StackService, ProcessHandle> live = new EnumMap<>(StackService.class);
        for (StackService service : StackService.values()) {
            live(service).ifPresent(process -> live.put(service, process));
        }
        return live;
    }

    /**
     * Stops every live process named by a pid file (SIGTERM, {@code deadline}, SIGKILL), all at once,
     * and removes the pid files; works when the JVM that started them has died.
     */
    public Map<StackService, ProcessHandle> stopAll(Duration deadline) {
        liveOwner().ifPresent(owner -> {
            // The owner's shutdown hook stops its services in order; what it leaves behind is killed below.
            LOG.info("Stopping the JVM that started the stack (pid {})", owner.pid());
            ProcessTerminator.terminate(OWNER, owner, deadline.plus(deadline));
            deleteOwner();
        });
        Map<StackService, ProcessHandle> live = liveServices();
        live.forEach((service, process) -> {
            LOG.info("Stopping {} (pid {})", service.serviceName(), process.pid());
            if (service == StackService.POSTGRES) {
                ProcessTerminator.signal(process, "INT");
            } else {
                process.destroy();
            }
        });
        live.entrySet().parallelStream().forEach(entry ->
                ProcessTerminator.terminate(entry.getKey().serviceName(), entry.getValue(), deadline));
        live.keySet().forEach(this::delete);
        return live;
    }

    private Path file(String name) {
        return runDir.resolve(name + ".pid");
    }

    private static Optional<ProcessHandle> read(Path file) {
        try {
            List<String> parts = List.of(Files.readString(file).trim().split("\\s+"));
            long pid = Long.parseLong(parts.get(0));
            long started = parts.size() > 1 ? Long.parseLong(parts.get(1)) : 0L;
            return ProcessHandle.of(pid).filter(process -> started == 0L || process.info().startInstant()
                    .map(instant -> Math.abs(instant.toEpochMilli() - started) < 2_000).orElse(true));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable pid file {}: {}", file, e.toString());
            return Optional.empty();
        }
    }
}

package io.github.flinklakehouse.deploy.stack;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service running as a child JVM, tracked by a pid file until it is stopped. */
final class ChildProcessService implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(ChildProcessService.class);

    private final StackService service;
    private final Process process;
    private final PidFiles pidFiles;

    ChildProcessService(StackService service, Process process, PidFiles pidFiles) {
        this.service = service;
        this.process = process;
        this.pidFiles = pidFiles;
        pidFiles.write(service, process.toHandle());
    }

    @Override
    public StackService service() {
        return service;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    @Override
    public void stop(Duration deadline) {
        if (process.isAlive()) {
            LOG.info("Stopping {} (pid {})", service.serviceName(), process.pid());
            ProcessTerminator.terminate(service.serviceName(), process.toHandle(), deadline);
            LOG.info("Stopped {}", service.serviceName());
        }
        pidFiles.delete(service);
    }

    /**
     * Kills the process with SIGKILL, as a crash would (no shutdown hooks, no goodbye to peers), waits until it
     * is gone and removes its pid file.
     */
    void kill(Duration deadline) {
        LOG.info("Killing {} (pid {}) with SIGKILL", service.serviceName(), process.pid());
        process.destroyForcibly();
        if (!ProcessTerminator.awaitExit(process.toHandle(), deadline)) {
            throw new IllegalStateException(service.serviceName() + " (pid " + process.pid()
                    + ") still runs " + deadline.toSeconds() + " s after SIGKILL");
        }
        pidFiles.delete(service);
    }
}

package io.github.flinklakehouse.deploy.testing;

import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code lakehouse} command running in a JVM of its own, as a user starts it from a terminal, with a stack's ports
 * and data directory: for tests that stop it the way users and machines do, with SIGTERM (as Ctrl-C) or with a
 * SIGKILL of it and every process it started (as a machine crash).
 */
public final class LakehouseProcess implements AutoCloseable {
    private static final List<String> JVM_OPTIONS = List.of(
            "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "-Daws.requestChecksumCalculation=when_required", "-Daws.responseChecksumValidation=when_required");

    private final Process process;
    private final Path output;
    private final PidFiles pidFiles;

    private LakehouseProcess(Process process, Path output, PidFiles pidFiles) {
        this.process = process;
        this.output = output;
        this.pidFiles = pidFiles;
    }

    /**
     * Starts {@code lakehouse <arguments>} with every port and the data directory of {@code config} added; standard
     * output and error go to {@code output}.
     */
    public static LakehouseProcess start(StackConfig config, Path output, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.add("-Dlakehouse.home=" + LocalStackExtension.repoHome());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.github.flinklakehouse.deploy.cli.LakehouseCli");
        command.addAll(List.of(arguments));
        command.addAll(List.of("--data-dir", config.dataDir().toString(),
                "--kafka-port", Integer.toString(config.kafkaPort()),
                "--kafka-controller-port", Integer.toString(config.kafkaControllerPort()),
                "--s3-port", Integer.toString(config.s3Port()),
                "--postgres-port", Integer.toString(config.postgresPort()),
                "--flink-port", Integer.toString(config.flinkRestPort()),
                "--flink-rpc-port", Integer.toString(config.flinkRpcPort()),
                "--start-timeout", Long.toString(config.startTimeout().toSeconds()),
                "--stop-timeout", Long.toString(config.stopTimeout().toSeconds())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
        return new LakehouseProcess(process, output, new PidFiles(config.runDir()));
    }

    /** Everything the command printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the command printed {@code text}; fails with its output when it ended or the deadline passed. */
    public void awaitOutput(String text, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("lakehouse ended (exit " + process.exitValue() + ") without printing '"
                        + text + "':\n" + output());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("lakehouse did not print '" + text + "' within " + deadline.toSeconds()
                        + " s:\n" + output());
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM, as Ctrl-C in a terminal (the JVM's shutdown hooks run), and waits until the command has ended. */
    public void terminate(Duration deadline) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("lakehouse still runs " + deadline.toSeconds() + " s after SIGTERM:\n" + output());
        }
    }

    /**
     * SIGKILL of the command and of every process it started, all at once, as a machine crash: its child processes
     * and the stack's services named by their pid files with theirs (PostgreSQL's postmaster is detached from its
     * starter, and its backends would keep its shared memory).
     */
    public void killWithEveryChild() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        for (ProcessHandle service : pidFiles.liveServices().values()) {
            tree.addAll(service.descendants().toList());
            tree.add(service);
        }
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().join();
        }
    }

    /** Fails with the command's output when it has ended, e.g. while a test waits for its results. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("lakehouse ended (exit " + process.exitValue() + "):\n" + output());
        }
    }

    /** Leaves nothing behind: kills the command and its children if they still run. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killWithEveryChild();
        }
    }
}

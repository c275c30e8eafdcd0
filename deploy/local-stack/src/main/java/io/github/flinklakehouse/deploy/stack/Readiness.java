package io.github.flinklakehouse.deploy.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/** Polls a service until it answers, failing clearly if its process dies, the stack aborts or time runs out. */
final class Readiness {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    /** Thrown inside a start task when another service failed and the whole start is being abandoned. */
    static final class Aborted extends RuntimeException {
        Aborted(String service) {
            super(service + " start abandoned because another service failed");
        }
    }

    private final long deadlineNanos;
    private final BooleanSupplier aborted;

    Readiness(Duration timeout, BooleanSupplier aborted) {
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.aborted = aborted;
    }

    /**
     * Calls {@code probe} until it returns true. Probe exceptions mean "not yet"; the last one is
     * kept as the cause if the deadline passes.
     */
    void await(StackService service, int port, Path logFile, ProcessHandle process, Callable<Boolean> probe) {
        Exception lastProblem = null;
        while (true) {
            if (aborted.getAsBoolean()) {
                throw new Aborted(service.serviceName());
            }
            if (process != null && !process.isAlive()) {
                throw new StackStartException(service.serviceName() + " (port " + port
                        + ") exited during start-up; see " + logFile);
            }
            try {
                if (probe.call()) {
                    return;
                }
            } catch (Exception e) {
                lastProblem = e;
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new StackStartException(service.serviceName() + " (port " + port
                        + ") was not ready in time; see " + logFile, lastProblem);
            }
            sleep();
        }
    }

    /**
     * Waits for a short-lived helper process (storage format, memory calculation) and returns its exit
     * code; kills it if the start is abandoned or the deadline passes.
     */
    int awaitExit(StackService service, int port, Path logFile, Process helper) {
        try {
            while (!helper.waitFor(POLL_INTERVAL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (aborted.getAsBoolean()) {
                    helper.destroyForcibly().waitFor();
                    throw new Aborted(service.serviceName());
                }
                if (System.nanoTime() > deadlineNanos) {
                    helper.destroyForcibly().waitFor();
                    throw new StackStartException(service.serviceName() + " (port " + port
                            + ") preparation did not finish in time; see " + logFile);
                }
            }
            return helper.exitValue();
        } catch (InterruptedException e) {
            helper.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while starting " + service.serviceName());
        }
    }

    /** Time left before the deadline, at least one second. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(Duration.ofSeconds(1).toNanos(), deadlineNanos - System.nanoTime()));
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while waiting for the stack to start");
        }
    }
}

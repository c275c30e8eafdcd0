package io.github.flinklakehouse.deploy.stack;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stops a process politely (SIGTERM), then forcibly (SIGKILL) once a deadline has passed. */
final class ProcessTerminator {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTerminator.class);
    private static final Duration AFTER_KILL = Duration.ofSeconds(10);

    private ProcessTerminator() {
    }

    /** Sends SIGTERM (and to the process's own children), waits up to {@code deadline}, then SIGKILL. */
    static void terminate(String serviceName, ProcessHandle process, Duration deadline) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!awaitExit(process, deadline)) {
            // A KRaft broker was seen hanging 50 s after SIGTERM: do not wait for ever.
            LOG.warn("{} (pid {}) still running {} s after SIGTERM; killing it", serviceName, process.pid(),
                    deadline.toSeconds());
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            awaitExit(process, AFTER_KILL);
        }
    }

    /** Sends {@code signal} through kill(1), for PostgreSQL whose fast shutdown is SIGINT, not SIGTERM. */
    static void signal(ProcessHandle process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-s", signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroy();
        }
    }

    static boolean awaitExit(ProcessHandle process, Duration deadline) {
        try {
            process.onExit().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}

package io.github.flinklakehouse.deploy.testing;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import java.time.Duration;
import java.util.List;

/** Waiting on the shared stack's Flink cluster in system tests: free slots, a condition, a job that must end. */
public final class FlinkJobs {
    private static final List<String> TERMINAL = List.of("FINISHED", "CANCELED", "FAILED");
    private static final Duration POLL = Duration.ofMillis(250);

    private FlinkJobs() {
    }

    /**
     * Waits until the cluster has {@code slots} free slots: the shared stack's other tests may still be cancelling
     * their jobs, and a job of parallelism 2 would otherwise fail for lack of slots.
     */
    public static void awaitFreeSlots(FlinkRestClient rest, int slots, Duration deadline) throws InterruptedException {
        awaitTrue(() -> rest.overview().slotsAvailable() >= slots, slots + " free slots (jobs: " + rest.jobs() + ")",
                deadline);
    }

    /** Leaves no job behind and waits until it has ended, without hiding the test's own failure. */
    public static void cancelIfRunning(FlinkRestClient rest, String jobId, Duration deadline) throws InterruptedException {
        if (!TERMINAL.contains(rest.jobState(jobId))) {
            rest.cancel(jobId);
        }
        long end = System.nanoTime() + deadline.toNanos();
        while (!TERMINAL.contains(rest.jobState(jobId)) && System.nanoTime() < end) {
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Polls {@code condition} until it holds; an exception counts as "not yet" (a service may be busy recovering).
     * Fails naming {@code what}, with the last exception as cause, once {@code deadline} has passed.
     */
    public static void awaitTrue(ClickstreamChecks.ThrowingSupplier<Boolean> condition, String what, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        Exception lastProblem = null;
        while (true) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastProblem = e;
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + deadline.toSeconds() + " s waiting for " + what,
                        lastProblem);
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}

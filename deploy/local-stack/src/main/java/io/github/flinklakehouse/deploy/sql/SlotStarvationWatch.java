package io.github.flinklakehouse.deploy.sql;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient.ClusterOverview;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient.JobSummary;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the jobs one SQL client session submits (they carry its {@code pipeline.name}) and cancels one that has had
 * no task running for the whole {@code slotWait} while the cluster had no free task slot: Flink itself lets such a
 * job wait for a slot until {@code slot.request.timeout} and then retries it through the restart strategy, so a query
 * behind a job that holds every slot (the live pipeline, a backfill) would seem to hang for ever. The report names the
 * jobs holding the slots.
 */
public final class SlotStarvationWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotStarvationWatch.class);
    private static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private final FlinkRestClient rest;
    private final String jobName;
    private final Duration slotWait;
    private final Consumer<String> report;
    private final LongSupplier clock;
    /** When each job of the session was first seen without a running task (nano clock), while it stays so. */
    private final Map<String, Long> idleSince = new HashMap<>();
    private ScheduledExecutorService poller;
    private volatile String starvation;

    /**
     * @param jobName the session's {@code pipeline.name}, the name of every job it submits
     * @param report receives the message once a job was cancelled
     */
    public SlotStarvationWatch(FlinkRestClient rest, String jobName, Duration slotWait, Consumer<String> report) {
        this(rest, jobName, slotWait, report, System::nanoTime);
    }

    SlotStarvationWatch(FlinkRestClient rest, String jobName, Duration slotWait, Consumer<String> report,
            LongSupplier clock) {
        this.rest = rest;
        this.jobName = jobName;
        this.slotWait = slotWait;
        this.report = report;
        this.clock = clock;
    }

    /** Polls every second in a daemon thread until {@link #close()}. */
    public SlotStarvationWatch start() {
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sql-slot-watch");
            thread.setDaemon(true);
            return thread;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                // The cluster may be briefly unreachable; the next poll tries again.
                LOG.debug("Slot watch poll failed: {}", e.toString());
            }
        }, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The report of a cancelled job, if one was cancelled. */
    public Optional<String> starvation() {
        return Optional.ofNullable(starvation);
    }

    /** One poll: cancels a starved job of the session and reports why. */
    void check() {
        List<JobSummary> jobs = rest.jobs();
        long now = clock.getAsLong();
        Map<String, JobSummary> waiting = jobs.stream()
                .filter(job -> job.name().equals(jobName) && !job.terminal() && job.activeTasks() == 0)
                .collect(Collectors.toMap(JobSummary::id, job -> job));
        idleSince.keySet().retainAll(waiting.keySet());
        waiting.keySet().forEach(id -> idleSince.putIfAbsent(id, now));
        for (Map.Entry<String, Long> idle : idleSince.entrySet()) {
            if (now - idle.getValue() < slotWait.toNanos()) {
                continue;
            }
            ClusterOverview cluster = rest.overview();
            if (cluster.slotsAvailable() > 0) {
                continue;
            }
            String holders = jobs.stream()
                    .filter(job -> !job.terminal() && job.activeTasks() > 0)
                    .map(job -> job.name() + " (" + job.id() + ", " + job.state() + ")")
                    .collect(Collectors.joining(", "));
            rest.cancel(idle.getKey());
            String message = "The query's Flink job " + idle.getKey() + " got no task slot within "
                    + slotWait.toSeconds() + " s and was cancelled: all " + cluster.slotsTotal()
                    + " task slots of the cluster are taken by "
                    + (holders.isEmpty() ? "other jobs" : holders) + ". Run the query when one of them has finished "
                    + "or stop one (web UI, `lakehouse redeploy`), or wait longer with --slot-wait.";
            starvation = message;
            idleSince.remove(idle.getKey());
            report.accept(message);
            return;
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}

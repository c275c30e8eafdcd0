package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient.CheckpointCosts;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient.VertexFigures;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The figures of one streaming benchmark and their terminal rendering: events/s until the marts counted every
 * event and until the raw table held every event, per-stage busy and back-pressure, checkpoint costs, peak memory,
 * CPU per process, and whether every event arrived exactly once.
 *
 * @param settings what was asked for
 * @param loaded how long publishing the events took (not part of the figures)
 * @param progress what the job achieved and when
 * @param resources memory and CPU seen while the job ran
 * @param stages the job's vertices, as measured at the end
 * @param checkpoints what the job's checkpoints cost
 * @param loadAverage {@code /proc/loadavg} before the run
 */
public record StreamingReport(StreamingBenchmark.Settings settings, Duration loaded,
        StreamingBenchmark.Progress progress, ResourceSampler.Figures resources, List<VertexFigures> stages,
        CheckpointCosts checkpoints, String loadAverage) {

    /** The target: events per second sustained with the raw table and every mart on, on a 2-core machine ... */
    public static final long TARGET_EVENTS_PER_SECOND = 100_000;
    /** The project's goal beyond the target, reported as a share. */
    public static final long GOAL_EVENTS_PER_SECOND = 180_000;
    /** ... for a topic of this many events. */
    public static final long TARGET_EVENTS = 10_000_000;

    public StreamingReport {
        stages = stages.stream().sorted(Comparator.comparingDouble(VertexFigures::busyMillis).reversed()).toList();
    }

    /** Events per second until the marts counted every event, or NaN when they never did. */
    public double countedPerSecond() {
        return progress.countedAfter() == null ? Double.NaN
                : ReportSections.perSecond(settings.events(), progress.countedAfter());
    }

    /** Events per second until the raw table held every event, or NaN when it never did. */
    public double committedPerSecond() {
        return progress.committedAfter() == null ? Double.NaN
                : ReportSections.perSecond(settings.events(), progress.committedAfter());
    }

    /** Whether every event was counted once in the marts and committed once to the raw table. */
    public boolean complete() {
        return progress.martsEvents() == settings.events() && progress.rawRecords() == settings.events();
    }

    /** The report as printed by {@code lakehouse benchmark --mode streaming}. */
    public String render() {
        StringBuilder text = new StringBuilder();
        Duration run = progress.committedAfter() != null ? progress.committedAfter() : settings.timeout();
        text.append(ReportSections.format("%nStreaming benchmark: Kafka -> raw.clickstream_events + every mart%n"));
        text.append(ReportSections.format("  input            %,d events in %d Kafka partition(s); parallelism %d; "
                        + "checkpoints every %s; TaskManager process %s%n", settings.events(), settings.partitions(),
                settings.parallelism(), ReportSections.clock(settings.checkpointInterval()),
                settings.taskManagerMemory()));
        text.append(ReportSections.format("  machine          %d cores, load average before the run %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage));
        text.append(ReportSections.format("  pre-load         %s (%,.0f events/s into Kafka; not part of the figures)%n",
                ReportSections.clock(loaded), ReportSections.perSecond(settings.events(), loaded)));
        text.append(ReportSections.format("%n"));
        text.append(ReportSections.format("  start-up         %9s                           (upload, main(), scheduling)%n",
                progress.startup() == null ? "-" : ReportSections.clock(progress.startup())));
        text.append(rate("counted in marts", progress.countedAfter(), countedPerSecond(),
                "(RUNNING -> sum of traffic_hourly.events = all)"));
        text.append(rate("committed to raw", progress.committedAfter(), committedPerSecond(),
                "(RUNNING -> raw.clickstream_events = all; commits on checkpoints)"));
        text.append(ReportSections.format("  target           %,d events/s sustained for %,d events: %s%n",
                TARGET_EVENTS_PER_SECOND, TARGET_EVENTS, verdict()));
        text.append(ReportSections.format("  checkpoints      %d completed, duration avg %s max %s, checkpointed size "
                        + "avg %s max %s, full state %s%n", checkpoints.completed(),
                ReportSections.clock(Duration.ofMillis(checkpoints.averageDurationMillis())),
                ReportSections.clock(Duration.ofMillis(checkpoints.maxDurationMillis())),
                ReportSections.size(checkpoints.averageCheckpointedBytes()),
                ReportSections.size(checkpoints.maxCheckpointedBytes()),
                ReportSections.size(checkpoints.latestStateBytes())));
        text.append(ReportSections.format("%n"));
        text.append(ReportSections.memory(resources));
        text.append(ReportSections.cpu(resources, run));
        text.append(ReportSections.format("  check            %,d events published; marts.traffic_hourly %,d events; "
                        + "raw.clickstream_events %,d rows: %s%n", settings.events(), progress.martsEvents(),
                progress.rawRecords(), complete() ? "every event exactly once"
                        : progress.martsEvents() > settings.events() || progress.rawRecords() > settings.events()
                                ? "EVENTS DOUBLED" : "EVENTS MISSING"));
        text.append(ReportSections.format("%n"));
        text.append(ReportSections.stages(stages, null, "Stages (job vertices by busy time; busy, backpr = busy and "
                + "back-pressured time / (duration x parallelism);\n        records in/out cross the network only)\n"));
        return text.toString();
    }

    private String verdict() {
        double rate = committedPerSecond();
        if (Double.isNaN(rate)) {
            return "not reached (the raw table never held every event)";
        }
        String figure = ReportSections.format("%,.0f events/s = %.0f%% of the target, %.0f%% of the goal %,d", rate,
                100 * rate / TARGET_EVENTS_PER_SECOND, 100 * rate / GOAL_EVENTS_PER_SECOND, GOAL_EVENTS_PER_SECOND);
        if (settings.events() < TARGET_EVENTS) {
            return ReportSections.format("not decided by %,d events (%s)", settings.events(), figure);
        }
        return (rate >= TARGET_EVENTS_PER_SECOND ? "MET (" : "NOT MET (") + figure + ")";
    }

    private static String rate(String label, Duration after, double perSecond, String note) {
        if (after == null) {
            return ReportSections.format("  %-16s %9s  %12s events/s  %s%n", label, "never", "-", note);
        }
        return ReportSections.format("  %-16s %9s  %,12.0f events/s  %s%n", label, ReportSections.clock(after),
                perSecond, note);
    }
}

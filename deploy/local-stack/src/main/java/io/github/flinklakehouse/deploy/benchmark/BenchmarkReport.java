package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient.VertexFigures;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one backfill benchmark and their terminal rendering: throughput end to end and of the job alone,
 * peak memory, CPU per process, the job's stages sorted by duration, the target and whether it was met, and the
 * checks that every generated row arrived.
 *
 * @param settings what was asked for
 * @param dataSet the generated input
 * @param rowsRead rows the job read (its accumulator)
 * @param accepted events written to the raw table (its accumulator)
 * @param rejected dead letters over every reason
 * @param endToEnd from the jar upload to the published marts
 * @param jobRun the Flink job from its start to FINISHED, as the cluster measured it
 * @param submission upload, the entry point's {@code main} on the JobManager and scheduling: the job time as the
 *     client saw it minus {@code jobRun}
 * @param publish moving the staged mart rows into {@code marts}
 * @param resources memory and CPU seen while the backfill ran
 * @param stages the job's vertices
 * @param martsEvents sum of {@code marts.traffic_hourly.events}
 * @param martsHours rows of {@code marts.traffic_hourly}
 * @param rawRecords rows of {@code raw.clickstream_events} (its current snapshot's {@code total-records})
 * @param loadAverage {@code /proc/loadavg} before the run (other work on the machine skews the figures)
 */
public record BenchmarkReport(BackfillBenchmark.Settings settings, BenchmarkDataSet dataSet, long rowsRead,
        long accepted, long rejected, Duration endToEnd, Duration jobRun, Duration submission, Duration publish,
        ResourceSampler.Figures resources, List<VertexFigures> stages, long martsEvents, long martsHours,
        long rawRecords, String loadAverage) {

    /** The target: rows per second end to end on a 2-core machine ... */
    public static final long TARGET_ROWS_PER_SECOND = 150_000;
    /** The project's goal beyond the target, reported as a share. */
    public static final long GOAL_ROWS_PER_SECOND = 300_000;
    /** ... for a data set of this many rows. */
    public static final long TARGET_ROWS = 10_000_000;

    public BenchmarkReport {
        stages = stages.stream().sorted(Comparator.comparingLong(VertexFigures::durationMillis).reversed()).toList();
    }

    /** Rows read per second, from the jar upload to the published marts. */
    public double endToEndRowsPerSecond() {
        return perSecond(rowsRead, endToEnd);
    }

    /** Rows read per second of the Flink job alone. */
    public double jobRowsPerSecond() {
        return perSecond(rowsRead, jobRun);
    }

    /** Whether this run decides the target (at least {@link #TARGET_ROWS} rows) and reached its rate end to end. */
    public boolean targetMet() {
        return dataSet.rows() >= TARGET_ROWS && endToEndRowsPerSecond() >= TARGET_ROWS_PER_SECOND;
    }

    /** Whether every generated row reached the raw table and {@code traffic_hourly}, with no dead letter. */
    public boolean complete() {
        return rowsRead == dataSet.rows() && accepted == dataSet.rows() && rejected == 0
                && martsEvents == dataSet.rows() && rawRecords == dataSet.rows();
    }

    /** The report as printed by {@code lakehouse benchmark}. */
    public String render() {
        StringBuilder text = new StringBuilder();
        line(text, "%nBackfill benchmark: CSV files -> raw.clickstream_events + every mart, published into marts%n");
        line(text, "  input            %,d rows in %d %s CSV file(s), %s; parallelism %d; TaskManager process %s%n",
                dataSet.rows(), dataSet.files().size(), settings.gzip() ? "gzipped" : "plain", size(dataSet.bytes()),
                settings.parallelism(), settings.taskManagerMemory());
        line(text, "  machine          %d cores, load average before the run %s%n",
                Runtime.getRuntime().availableProcessors(), loadAverage);
        line(text, "  generation       %s (%,.0f rows/s; not part of the figures below)%n",
                clock(dataSet.elapsed()), perSecond(dataSet.rows(), dataSet.elapsed()));
        line(text, "%n");
        line(text, "  end to end       %9s  %,12.0f rows/s  %s/s   (jar upload -> FINISHED -> published)%n",
                clock(endToEnd), endToEndRowsPerSecond(), size((long) perSecond(dataSet.bytes(), endToEnd)));
        line(text, "  job only         %9s  %,12.0f rows/s             (the Flink job's own duration)%n",
                clock(jobRun), jobRowsPerSecond());
        line(text, "  submission       %9s                           (upload, main() on the JobManager, scheduling)%n",
                clock(submission));
        line(text, "  publish          %9s                           (staging schema -> marts, one transaction)%n",
                clock(publish));
        line(text, "  target           %,d rows/s end to end for %,d rows: %s%n", TARGET_ROWS_PER_SECOND, TARGET_ROWS,
                verdict());
        line(text, "%n");
        text.append(ReportSections.memory(resources));
        text.append(ReportSections.cpu(resources, endToEnd));
        line(text, "  check            rows read %,d, accepted %,d, rejected %,d; raw.clickstream_events %,d rows; "
                + "marts.traffic_hourly %,d events in %,d hours: %s%n", rowsRead, accepted, rejected, rawRecords,
                martsEvents, martsHours, complete() ? "all rows arrived" : "ROWS MISSING OR EXTRA");
        line(text, "%n");
        text.append(ReportSections.stages(stages, jobRun, "Stages (job vertices by duration; starts = after the job "
                + "started; share = of the job's duration,\n        stages of a batch job overlap; busy, backpr = busy "
                + "and back-pressured time / (duration x parallelism);\n        records in/out cross the network "
                + "only)\n"));
        return text.toString();
    }

    private String verdict() {
        String rate = String.format(Locale.ROOT, "%,.0f rows/s = %.0f%% of the target, %.0f%% of the goal %,d",
                endToEndRowsPerSecond(), 100 * endToEndRowsPerSecond() / TARGET_ROWS_PER_SECOND,
                100 * endToEndRowsPerSecond() / GOAL_ROWS_PER_SECOND, GOAL_ROWS_PER_SECOND);
        if (dataSet.rows() < TARGET_ROWS) {
            return String.format(Locale.ROOT, "not decided by %,d rows (%s)", dataSet.rows(), rate);
        }
        return (targetMet() ? "MET (" : "NOT MET (") + rate + ")";
    }

    private static void line(StringBuilder text, String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args));
    }

    private static double perSecond(long count, Duration elapsed) {
        return ReportSections.perSecond(count, elapsed);
    }

    static String clock(Duration duration) {
        return ReportSections.clock(duration);
    }

    static String size(long bytes) {
        return ReportSections.size(bytes);
    }
}

package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.benchmark.BackfillBenchmark;
import io.github.flinklakehouse.deploy.benchmark.BenchmarkReport;
import io.github.flinklakehouse.deploy.benchmark.StreamingBenchmark;
import io.github.flinklakehouse.deploy.benchmark.StreamingReport;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse benchmark}: times, on a throwaway stack of its own, either a CSV file backfill (raw Iceberg table
 * and every mart) of a generated data set end to end, or the live job draining a pre-loaded Kafka topic into the raw
 * table and every mart; prints the rates, peak memory and the figures per stage.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time the pipeline on generated data, end to end, in one of two modes:",
                "  --mode backfill  (default) a backfill of CSV files into the raw Iceberg table and every mart;",
                "                   target on a 2-core machine: 150,000 rows/s for 10,000,000 rows (goal 300,000).",
                "  --mode streaming the live job on a pre-loaded Kafka topic, until every event is counted in the",
                "                   marts and committed to the raw table; target 100,000 events/s for 10,000,000.",
                "Starts its own throwaway stack (free ports, data under --work-dir, removed afterwards unless --keep),",
                "so a running stack and its lake are never touched. Generation and stack start are not timed.",
                "Exits 1 when an event was lost or doubled.",
                "Examples:",
                "  lakehouse benchmark                         (10,000,000 rows, 4 plain files)",
                "  lakehouse benchmark --rows 1000000 --gzip",
                "  lakehouse benchmark --mode streaming --rows 10000000"})
final class BenchmarkCommand implements Callable<Integer> {

    /** What to time. */
    enum Mode { BACKFILL, STREAMING }

    @Option(names = "--mode", defaultValue = "backfill", converter = ModeConverter.class,
            description = "backfill or streaming (default ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--rows", defaultValue = "10000000", description = "Rows (events) to generate (default "
            + "${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--files", defaultValue = "4", description = "Backfill: CSV files to split them into, generated "
            + "in parallel and read as parallel splits (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--gzip", description = "Backfill: gzip the files (default: plain CSV).")
    boolean gzip;

    @Option(names = "--partitions", defaultValue = "2", description = "Streaming: partitions of the Kafka topic "
            + "(default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", description = "Streaming: the job's checkpoint "
            + "interval; raw commits happen on checkpoints (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism, at most the TaskManager's "
            + "4 slots (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--taskmanager-memory", description = "TaskManager process size, e.g. 4096m (default: the "
            + "stack's, env LAKEHOUSE_STACK_FLINK_TASKMANAGER_MEMORY or 4096m).")
    String taskManagerMemory;

    @Option(names = "--work-dir", description = "Where the input files and the throwaway stack's data go "
            + "(default <data-dir>/benchmark, data-dir from LAKEHOUSE_STACK_DATA_DIR or <repo>/.lakehouse).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the input files and the stack's data afterwards.")
    boolean keep;

    @Option(names = "--timeout", defaultValue = "PT1H", description = "Longest the job may run "
            + "(default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return mode == Mode.STREAMING ? streaming() : backfill();
    }

    private Integer streaming() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        StreamingBenchmark.Settings settings;
        try {
            settings = new StreamingBenchmark.Settings(rows, partitions, seed, parallelism, checkpointInterval,
                    memory(), workDir(repoHome), keep, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        StreamingReport report = new StreamingBenchmark(repoHome).run(settings, out);
        return report.complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    private Integer backfill() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        BackfillBenchmark.Settings settings;
        try {
            settings = new BackfillBenchmark.Settings(rows, files, gzip, seed, parallelism, memory(), workDir(repoHome),
                    keep, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchmarkReport report = new BackfillBenchmark(repoHome).run(settings, out);
        // A benchmark that lost rows measured nothing worth reporting as a success.
        return report.complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    /** Reads {@code backfill} / {@code streaming} in any case. */
    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a mode; use backfill or streaming");
            }
        }
    }

    private String memory() {
        if (taskManagerMemory != null) {
            return taskManagerMemory;
        }
        return System.getenv(StackConfig.environmentVariable("flink-taskmanager-memory"));
    }

    private Path workDir(Path repoHome) {
        if (workDir != null) {
            return workDir.toAbsolutePath().normalize();
        }
        String dataDir = System.getenv(StackConfig.environmentVariable("data-dir"));
        Path base = dataDir == null || dataDir.isBlank() ? repoHome.resolve(".lakehouse") : Path.of(dataDir);
        return base.resolve("benchmark").toAbsolutePath().normalize();
    }
}

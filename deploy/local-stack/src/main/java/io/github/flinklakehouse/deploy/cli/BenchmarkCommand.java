package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.benchmark.BackfillBenchmark;
import io.github.flinklakehouse.deploy.benchmark.BenchmarkReport;
import io.github.flinklakehouse.deploy.benchmark.FreshnessBenchmark;
import io.github.flinklakehouse.deploy.benchmark.ReadBenchmark;
import io.github.flinklakehouse.deploy.benchmark.ScaleCurve;
import io.github.flinklakehouse.deploy.benchmark.StreamingBenchmark;
import io.github.flinklakehouse.deploy.benchmark.StreamingReport;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        description = {"Time the pipeline on generated data, end to end, in one of these modes:",
                "  --mode backfill  (default) a backfill of CSV files into the raw Iceberg table and every mart;",
                "                   target on a 2-core machine: 150,000 rows/s for 10,000,000 rows (goal 300,000).",
                "  --mode streaming the live job on a pre-loaded Kafka topic, until every event is counted in the",
                "                   marts and committed to the raw table; target 100,000 events/s for 10,000,000.",
                "  --mode freshness the live job while events are produced at --rate for --duration: production ->",
                "                   visible in each mart and -> committed in the raw table, p50/p95/p99/max;",
                "                   target at 50,000 events/s: p99 under 3 s in the marts. Written as JSON too.",
                "  --mode soak      freshness for 30 minutes, sampling heap, state, checkpoints, RSS, open files and",
                "                   the lake every --sample-every; fails when heap or state keeps growing after",
                "                   warm-up, or when an event was lost or doubled.",
                "  --mode scale     the streaming mode at 1x, 2x, 4x --base-rows and at 10x, 100x the users and",
                "                   products: events/s and checkpointed state as a table, JSON and a PNG chart.",
                "  --mode read      the SQL client's raw_events_by_hour.sql example over a day of streaming commits",
                "                   (--commits), before and after one lake maintenance pass.",
                "Starts its own throwaway stack (free ports, data under --work-dir, removed afterwards unless --keep),",
                "so a running stack and its lake are never touched. Generation and stack start are not timed.",
                "Exits 1 when an event was lost or doubled.",
                "Examples:",
                "  lakehouse benchmark                         (10,000,000 rows, 4 plain files)",
                "  lakehouse benchmark --rows 1000000 --gzip",
                "  lakehouse benchmark --mode streaming --rows 10000000",
                "  lakehouse benchmark --mode freshness --rate 50000 --duration PT5M",
                "  lakehouse benchmark --mode soak --rate 10000",
                "  lakehouse benchmark --mode scale --base-rows 1000000",
                "  lakehouse benchmark --mode read --commits 8640 --rows 1000000"})
final class BenchmarkCommand implements Callable<Integer> {

    /** What to time. */
    enum Mode { BACKFILL, STREAMING, FRESHNESS, SOAK, SCALE, READ }

    @Option(names = "--mode", defaultValue = "backfill", converter = ModeConverter.class,
            description = "backfill, streaming, freshness, soak, scale or read (default ${DEFAULT-VALUE}).")
    Mode mode;

    @Option(names = "--base-rows", defaultValue = "1000000", description = "Scale: events of the 1x point "
            + "(default ${DEFAULT-VALUE}).")
    long baseRows;

    @Option(names = "--size-factors", defaultValue = "1,2,4", split = ",", description = "Scale: multiples of "
            + "--base-rows to run (default ${DEFAULT-VALUE}).")
    List<Integer> sizeFactors;

    @Option(names = "--key-factors", defaultValue = "10,100", split = ",", description = "Scale: multiples of the "
            + "10,000 users and 5,000 products to run at --base-rows (default ${DEFAULT-VALUE}).")
    List<Integer> keyFactors;

    @Option(names = "--rate", defaultValue = "50000", description = "Freshness: events per second to produce "
            + "(default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", description = "Freshness, soak: how long to produce (default PT2M, soak PT30M).")
    Duration duration;

    @Option(names = "--sample-every", defaultValue = "PT1M", description = "Soak: how often to sample heap, state, "
            + "processes and the lake (default ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(names = "--drain-timeout", defaultValue = "PT2M", description = "Freshness: how long to wait after "
            + "producing for the last samples to become visible (default ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--flush-interval", defaultValue = "PT1S", description = "Freshness: the marts' flush interval, "
            + "how often an open row is written (default ${DEFAULT-VALUE}).")
    Duration flushInterval;

    @Option(names = "--json", description = "Freshness, soak, scale: where to write the report as JSON (default "
            + "<data-dir>/benchmark-results/<mode>-<time>.json).")
    Path json;

    @Option(names = "--rows", description = "Rows (events) to generate (default 10,000,000; read: 1,000,000).")
    Long rows;

    @Option(names = "--commits", defaultValue = "8640", description = "Read: commits of the day of streaming commits "
            + "the reads run over (default ${DEFAULT-VALUE}: a day at a 10 s checkpoint interval).")
    int commits;

    @Option(names = "--files", defaultValue = "4", description = "Backfill: CSV files to split them into, generated "
            + "in parallel and read as parallel splits (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--gzip", description = "Backfill: gzip the files (default: plain CSV).")
    boolean gzip;

    @Option(names = "--partitions", defaultValue = "2", description = "Streaming, freshness: partitions of the Kafka topic "
            + "(default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--checkpoint-interval", defaultValue = "PT10S", description = "Streaming, freshness: the job's checkpoint "
            + "interval; raw commits happen on checkpoints (default ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism, at most the TaskManager's "
            + "4 slots (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--job-option", paramLabel = "KEY=VALUE", description = "Freshness, soak: a job option for "
            + "the measured job (repeatable), e.g. clickstream.allowed-lateness='2 min' so a soak reaches the steady state "
            + "of its state sooner.")
    Map<String, String> jobOptions = new LinkedHashMap<>();

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
        return switch (mode) {
            case STREAMING -> streaming();
            case FRESHNESS, SOAK -> freshness();
            case SCALE -> scale();
            case BACKFILL -> backfill();
            case READ -> read();
        };
    }

    private Integer freshness() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        Path workDir = workDir(repoHome);
        boolean soak = mode == Mode.SOAK;
        Path report = json != null ? json.toAbsolutePath().normalize() : workDir.resolveSibling("benchmark-results")
                .resolve((soak ? "soak-" : "freshness-") + java.time.Instant.now().toString().replace(':', '-')
                        + ".json");
        Duration produceFor = duration != null ? duration : soak ? Duration.ofMinutes(30) : Duration.ofMinutes(2);
        FreshnessBenchmark.Settings settings;
        try {
            settings = new FreshnessBenchmark.Settings(rate, produceFor, drainTimeout, partitions, seed, parallelism,
                    checkpointInterval, flushInterval, memory(), workDir, keep, report, soak ? sampleEvery : null,
                    jobOptions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new FreshnessBenchmark(repoHome).run(settings, out).complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    private Integer scale() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        Path results = workDir(repoHome).resolveSibling("benchmark-results");
        String stamp = java.time.Instant.now().toString().replace(':', '-');
        ScaleCurve.Settings settings;
        try {
            if (sizeFactors.isEmpty() || keyFactors.isEmpty() || sizeFactors.stream().anyMatch(f -> f < 1)
                    || keyFactors.stream().anyMatch(f -> f < 1)) {
                throw new IllegalArgumentException("--size-factors and --key-factors need whole numbers >= 1");
            }
            settings = new ScaleCurve.Settings(baseRows, sizeFactors, keyFactors, new StreamingBenchmark.Settings(
                    baseRows, partitions, seed, parallelism, checkpointInterval, memory(), workDir(repoHome), keep,
                    timeout), json != null ? json.toAbsolutePath().normalize() : results.resolve("scale-" + stamp
                    + ".json"), results.resolve("scale-" + stamp + ".png"));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<ScaleCurve.Point> points = new ScaleCurve(repoHome).run(settings, out);
        return points.stream().allMatch(ScaleCurve.Point::exactlyOnce) ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    private Integer streaming() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        StreamingBenchmark.Settings settings;
        try {
            settings = new StreamingBenchmark.Settings(rows(10_000_000), partitions, seed, parallelism, checkpointInterval,
                    memory(), workDir(repoHome), keep, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        StreamingReport report = new StreamingBenchmark(repoHome).run(settings, out);
        return report.complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    private Integer read() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        ReadBenchmark.Settings settings;
        try {
            settings = new ReadBenchmark.Settings(commits, rows(1_000_000), parallelism, seed, memory(),
                    workDir(repoHome), keep);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return new ReadBenchmark(repoHome).run(settings, out).complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    private Integer backfill() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        BackfillBenchmark.Settings settings;
        try {
            settings = new BackfillBenchmark.Settings(rows(10_000_000), files, gzip, seed, parallelism, memory(), workDir(repoHome),
                    keep, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchmarkReport report = new BackfillBenchmark(repoHome).run(settings, out);
        // A benchmark that lost rows measured nothing worth reporting as a success.
        return report.complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    /** Reads a mode's name in any case. */
    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            try {
                return Mode.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a mode; use backfill, streaming, freshness, soak, scale or read");
            }
        }
    }

    /** {@code --rows}, or the mode's default. */
    private long rows(long modeDefault) {
        return rows != null ? rows : modeDefault;
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

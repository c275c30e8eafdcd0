package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.jobs.clickstream.ClickstreamPipeline;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.jobs.BackfillRun;
import io.github.flinklakehouse.deploy.jobs.BackfillSummary;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.stack.Directories;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Times a file backfill end to end on a throwaway local stack: generates a data set in the public dataset's CSV
 * format, starts its own stack (free ports, its own data directory; a user's stack and lake are never touched),
 * runs {@link BackfillRun} over the files into every mart and publishes them, then reports throughput, peak memory,
 * CPU per process and the job's stages ({@link BenchmarkReport}).
 *
 * <pre>
 *  generate K CSV parts (parallel)   start stack (s3, postgres, flink)      ── neither is timed
 *        │                                     │
 *        └──────────── BackfillRun: upload jar → job (BATCH) → FINISHED → publish into marts   ── timed
 *                          │ sampled meanwhile: TaskManager heap (REST), CPU of every stack process
 *  REST /jobs/:id vertices, traffic_hourly and raw-table counts → report; stack stopped, work dir removed
 * </pre>
 */
public final class BackfillBenchmark {

    /** The marts schema the benchmark publishes into (of its own throwaway stack). */
    public static final String TARGET_SCHEMA = "marts";

    /**
     * One benchmark.
     *
     * @param rows rows to generate
     * @param files CSV parts to split them into
     * @param gzip whether the parts are gzipped
     * @param seed generator seed
     * @param parallelism the job's parallelism (at most the stack's task slots)
     * @param taskManagerMemory the TaskManager's process size (e.g. {@code 4096m}), null for the stack default
     * @param workDir where the input and the stack's data go ({@code input/}, {@code stack/})
     * @param keep keep the input and the stack's data afterwards
     * @param timeout the longest the backfill job may run
     */
    public record Settings(long rows, int files, boolean gzip, long seed, int parallelism, String taskManagerMemory,
            Path workDir, boolean keep, Duration timeout) {
        public Settings {
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(timeout, "timeout");
            if (rows < 1) {
                throw new IllegalArgumentException("rows must be >= 1, was " + rows);
            }
            if (files < 1 || files > rows) {
                throw new IllegalArgumentException("files must be between 1 and rows, was " + files);
            }
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be >= 1, was " + parallelism);
            }
        }
    }

    private final Path repoHome;

    /** @param repoHome the repository, for the job jar and the services' classpaths */
    public BackfillBenchmark(Path repoHome) {
        this.repoHome = repoHome;
    }

    /**
     * Runs the benchmark; {@code out} gets what it does, the backfill's progress and the report.
     *
     * @throws BackfillRun.BackfillFailedException when the backfill job fails or times out
     */
    public BenchmarkReport run(Settings settings, PrintWriter out) throws IOException, SQLException {
        Path jar = JobJar.locate(repoHome);
        Path inputDir = settings.workDir().resolve("input");
        Path stackDir = settings.workDir().resolve("stack");
        try {
            if (Files.exists(inputDir)) {
                Directories.deleteRecursively(inputDir);
            }
            print(out, "Generating %,d rows into %d %s CSV file(s) under %s ...", settings.rows(), settings.files(),
                    settings.gzip() ? "gzipped" : "plain", inputDir);
            BenchmarkDataSet dataSet = BenchmarkDataSet.generate(inputDir, settings.rows(), settings.files(),
                    settings.gzip(), settings.seed());
            print(out, "Generated %s in %s (not timed)", BenchmarkReport.size(dataSet.bytes()),
                    BenchmarkReport.clock(dataSet.elapsed()));

            StackConfig config = stackConfig(settings, stackDir);
            Settings effective = new Settings(settings.rows(), settings.files(), settings.gzip(), settings.seed(),
                    settings.parallelism(), config.taskManagerProcessMemory(), settings.workDir(), settings.keep(),
                    settings.timeout());
            print(out, "Starting a throwaway stack (S3 store, PostgreSQL, Flink) in %s (not timed) ...", stackDir);
            try (LocalStack stack = LocalStack.start(config)) {
                print(out, "Stack ready; Flink web UI %s", stack.endpoints().flinkRestUrl());
                return measure(effective, dataSet, stack, config, jar, out);
            }
        } finally {
            if (settings.keep()) {
                print(out, "Kept the input (%s) and the stopped stack's data (%s)", inputDir, stackDir);
            } else {
                Directories.deleteRecursively(inputDir);
                Directories.deleteRecursively(stackDir);
                Directories.deleteIfEmpty(settings.workDir());
            }
        }
    }

    private BenchmarkReport measure(Settings settings, BenchmarkDataSet dataSet, LocalStack stack, StackConfig config,
            Path jar, PrintWriter out) throws SQLException {
        StackEndpoints endpoints = stack.endpoints();
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        int slots = rest.overview().slotsTotal();
        if (settings.parallelism() > slots) {
            throw new IllegalArgumentException("--parallelism " + settings.parallelism() + " exceeds the stack's "
                    + slots + " task slots");
        }
        Map<String, String> job = new LinkedHashMap<>();
        job.put("backfill.source", "files");
        job.put("backfill.files", dataSet.files().get(0).getParent().toString());
        job.put("pipeline.parallelism", Integer.toString(settings.parallelism()));
        String loadAverage = LoadAverage.read();

        ResourceSampler sampler = new ResourceSampler(rest, new PidFiles(config.runDir()).liveServices());
        long started = System.nanoTime();
        BackfillRun.Result result;
        ResourceSampler.Figures resources;
        try {
            result = new BackfillRun(endpoints, config.dataDir().resolve("jobs"), jar)
                    .run(new BackfillRun.Request(ClickstreamPipeline.NAME, job, TARGET_SCHEMA, BackfillRun.Outcome.PUBLISH, settings.timeout()),
                            out);
        } finally {
            resources = stopQuietly(sampler);
        }
        Duration endToEnd = Duration.ofNanos(System.nanoTime() - started);

        out.print(BackfillSummary.render(result));
        FlinkRestClient.JobFigures figures = rest.jobFigures(result.jobId());
        Duration jobRun = Duration.ofMillis(figures.durationMillis());
        long[] hourly = trafficHourly(endpoints);
        BenchmarkReport report = new BenchmarkReport(settings, dataSet,
                counter(result, ProgressCounters.ROWS_READ), counter(result, ProgressCounters.RAW_EVENTS),
                rejected(result), endToEnd, jobRun, result.jobTime().minus(jobRun), result.martsTime(), resources,
                figures.vertices(), hourly[0], hourly[1], rawRecords(endpoints), loadAverage);
        out.print(report.render());
        out.flush();
        return report;
    }

    private StackConfig stackConfig(Settings settings, Path stackDir) {
        // No Kafka: a file backfill never reads it, and an idle broker would only take memory from the job.
        StackConfig.Builder builder = StackConfig.ephemeralBuilder(repoHome, stackDir)
                .set("services", "s3,postgres,flink")
                .fresh(true);
        if (settings.taskManagerMemory() != null) {
            builder.set("flink-taskmanager-memory", settings.taskManagerMemory());
        }
        return builder.build();
    }

    /** Sum of events and number of rows of {@code traffic_hourly}. */
    private static long[] trafficHourly(StackEndpoints endpoints) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(sum(events), 0), count(*) FROM "
                     + TARGET_SCHEMA + ".traffic_hourly")) {
            row.next();
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    /** Rows of {@code raw.clickstream_events} by its current snapshot's summary (nothing else writes it here). */
    private static long rawRecords(StackEndpoints endpoints) {
        try (JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, IcebergCatalogBootstrap.catalogProperties(endpoints));
            Snapshot snapshot = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).currentSnapshot();
            return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
        }
    }

    private static long counter(BackfillRun.Result result, String name) {
        String value = result.counters().get(name);
        return value == null || value.isBlank() ? 0 : Long.parseLong(value.trim());
    }

    private static long rejected(BackfillRun.Result result) {
        return result.counters().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(ProgressCounters.REJECTED_PREFIX))
                .mapToLong(entry -> Long.parseLong(entry.getValue().trim()))
                .sum();
    }

    private static ResourceSampler.Figures stopQuietly(ResourceSampler sampler) {
        try {
            return sampler.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the resource sampler", e);
        }
    }

    private static void print(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}

package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Times the live clickstream job's throughput on a throwaway local stack: pre-loads a generated topic into a real
 * Kafka broker, starts the job (Kafka → raw Iceberg table + every mart), and waits until every event is counted in
 * the marts and committed to the raw table; then reports events/s, per-stage busy and back-pressure, checkpoint
 * costs, peak memory and CPU per process ({@link StreamingReport}).
 *
 * <pre>
 *  start stack (kafka, s3, postgres, flink) → topic with P partitions → publish N events   ── not timed
 *        │
 *  upload jar → job RUNNING ── events flow ── sum(traffic_hourly.events) = N ── raw table = N   ── timed
 *        │ sampled meanwhile: TaskManager heap (REST), CPU of every stack process
 *  REST vertices and checkpoint summary → report; job cancelled, stack stopped, work dir removed
 * </pre>
 */
public final class StreamingBenchmark {

    /** The marts schema the benchmark's job writes (of its own throwaway stack). */
    public static final String MARTS_SCHEMA = "marts";
    static final String TOPIC = "benchmark.events";
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration MEAN_GAP = Duration.ofMillis(100);
    /** Distinct users and products of the generated events, unless a run asks for others. */
    public static final int USERS = 10_000;
    public static final int PRODUCTS = 5_000;

    /**
     * One streaming benchmark.
     *
     * @param events events to pre-load into Kafka
     * @param partitions partitions of the topic
     * @param seed generator seed
     * @param parallelism the job's parallelism (at most the stack's task slots)
     * @param checkpointInterval the job's checkpoint interval (raw commits happen on checkpoints)
     * @param taskManagerMemory the TaskManager's process size (e.g. {@code 4096m}), null for the stack default
     * @param workDir where the stack's data go
     * @param keep keep the stack's data afterwards
     * @param timeout the longest the job may take to count and commit every event
     * @param users distinct users of the generated events (state grows with distinct keys)
     * @param products distinct products of the generated events
     */
    public record Settings(long events, int partitions, long seed, int parallelism, Duration checkpointInterval,
            String taskManagerMemory, Path workDir, boolean keep, Duration timeout, int users, int products) {

        /** A run over {@link #USERS} users and {@link #PRODUCTS} products. */
        public Settings(long events, int partitions, long seed, int parallelism, Duration checkpointInterval,
                String taskManagerMemory, Path workDir, boolean keep, Duration timeout) {
            this(events, partitions, seed, parallelism, checkpointInterval, taskManagerMemory, workDir, keep, timeout,
                    USERS, PRODUCTS);
        }

        public Settings {
            Objects.requireNonNull(checkpointInterval, "checkpointInterval");
            Objects.requireNonNull(workDir, "workDir");
            Objects.requireNonNull(timeout, "timeout");
            if (events < 1) {
                throw new IllegalArgumentException("events must be >= 1, was " + events);
            }
            if (partitions < 1 || parallelism < 1) {
                throw new IllegalArgumentException("partitions and parallelism must be >= 1, were " + partitions
                        + " and " + parallelism);
            }
        }
    }

    private final Path repoHome;

    /** @param repoHome the repository, for the job jar and the services' classpaths */
    public StreamingBenchmark(Path repoHome) {
        this.repoHome = repoHome;
    }

    /** Runs the benchmark; {@code out} gets what it does, progress and the report. */
    public StreamingReport run(Settings settings, PrintWriter out) throws Exception {
        Path jar = JobJar.locate(repoHome);
        return ThrowawayStack.run(repoHome, settings.workDir(), settings.taskManagerMemory(), settings.keep(), out,
                (stack, config) -> {
                    Duration loaded = preload(settings, stack.endpoints(), out);
                    Settings effective = new Settings(settings.events(), settings.partitions(), settings.seed(),
                            settings.parallelism(), settings.checkpointInterval(), config.taskManagerProcessMemory(),
                            settings.workDir(), settings.keep(), settings.timeout(), settings.users(),
                            settings.products());
                    return measure(effective, loaded, stack, config, jar, out);
                });
    }

    private Duration preload(Settings settings, StackEndpoints endpoints, PrintWriter out) throws InterruptedException {
        KafkaTopics.ensure(endpoints.kafkaBootstrapServers(), TOPIC, settings.partitions());
        print(out, "Publishing %,d events to %s (%d partitions; not timed) ...", settings.events(), TOPIC,
                settings.partitions());
        long started = System.nanoTime();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(endpoints.kafkaBootstrapServers(), TOPIC,
                KafkaEventPublisher.UNLIMITED)) {
            publisher.publish(new ClickEventGenerator(new GeneratorConfig(settings.seed(),
                    BenchmarkDataSet.START, settings.events(), MEAN_GAP, settings.users(), settings.products())));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        print(out, "Published in %s (%,.0f events/s)", ReportSections.clock(elapsed),
                ReportSections.perSecond(settings.events(), elapsed));
        return elapsed;
    }

    private StreamingReport measure(Settings settings, Duration loaded, LocalStack stack, StackConfig config, Path jar,
            PrintWriter out) throws SQLException, InterruptedException {
        StackEndpoints endpoints = stack.endpoints();
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        int slots = rest.overview().slotsTotal();
        if (settings.parallelism() > slots) {
            throw new IllegalArgumentException("--parallelism " + settings.parallelism() + " exceeds the stack's "
                    + slots + " task slots");
        }
        Path jobConfig = StackJobConfigFile.write(config.dataDir().resolve("jobs/benchmark.properties"), endpoints,
                Map.of("clickstream.kafka.topic", TOPIC, "clickstream.kafka.group-id", "benchmark", "clickstream.kafka.starting-offsets", "earliest",
                        "marts.schema", MARTS_SCHEMA, "pipeline.parallelism", Integer.toString(settings.parallelism()),
                        "pipeline.checkpoint-interval", settings.checkpointInterval().toMillis() + " ms"));
        String loadAverage = LoadAverage.read();
        ResourceSampler sampler = new ResourceSampler(rest, new PidFiles(config.runDir()).liveServices());
        long submitted = System.nanoTime();
        String jobId;
        ResourceSampler.Figures resources;
        Progress progress;
        FlinkRestClient.JobFigures figures;
        FlinkRestClient.CheckpointCosts checkpoints;
        try {
            jobId = new JobSubmission(rest, jar).submit("clickstream", jobConfig, null, settings.timeout());
            rest.awaitAllTasksRunning(jobId, settings.timeout());
            long running = System.nanoTime();
            print(out, "Job %s RUNNING after %s: %s/#/job/running/%s/overview", jobId,
                    ReportSections.clock(Duration.ofNanos(running - submitted)), endpoints.flinkRestUrl(), jobId);
            progress = awaitEverything(settings, endpoints, rest, jobId, running, out);
            figures = rest.jobFigures(jobId);
            checkpoints = rest.checkpointCosts(jobId);
            progress = progress.withStartup(Duration.ofNanos(running - submitted));
        } finally {
            resources = sampler.stop();
        }
        rest.cancel(jobId);
        StreamingReport report = new StreamingReport(settings, loaded, progress, resources, figures.vertices(),
                checkpoints, loadAverage);
        out.print(report.render());
        out.flush();
        return report;
    }

    /**
     * Polls until the marts count and the raw table hold every event (or more: doubled), or the timeout; one
     * connection and one catalog for the whole wait, so the polling itself costs the machine little.
     */
    private Progress awaitEverything(Settings settings, StackEndpoints endpoints, FlinkRestClient rest, String jobId,
            long running, PrintWriter out) throws SQLException, InterruptedException {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword());
             JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, IcebergCatalogBootstrap.catalogProperties(endpoints));
            return awaitEverything(settings, connection, catalog, rest, jobId, running, out);
        }
    }

    private Progress awaitEverything(Settings settings, Connection connection, JdbcCatalog catalog,
            FlinkRestClient rest, String jobId, long running, PrintWriter out) throws SQLException, InterruptedException {
        long deadline = running + settings.timeout().toNanos();
        long counted = 0;
        long committed = 0;
        Duration countedAfter = null;
        Duration committedAfter = null;
        while (System.nanoTime() < deadline) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - running);
            counted = martsEvents(connection, MARTS_SCHEMA);
            committed = rawRecords(catalog);
            if (countedAfter == null && counted >= settings.events()) {
                countedAfter = elapsed;
            }
            if (committedAfter == null && committed >= settings.events()) {
                committedAfter = elapsed;
            }
            print(out, "%,d events counted in the marts (%,.0f/s), %,d committed to the raw table, elapsed %s",
                    counted, ReportSections.perSecond(counted, elapsed), committed, ReportSections.clock(elapsed));
            if (countedAfter != null && committedAfter != null) {
                break;
            }
            String state = rest.jobState(jobId);
            if (!state.equals("RUNNING")) {
                throw new IllegalStateException("The benchmark job is " + state + ": " + rest.rootCause(jobId));
            }
            Thread.sleep(POLL.toMillis());
        }
        // Give a doubled count the chance to show: one more poll after both reached the total.
        Thread.sleep(POLL.toMillis());
        return new Progress(martsEvents(connection, MARTS_SCHEMA), rawRecords(catalog), countedAfter, committedAfter, null);
    }

    /**
     * How far the job got.
     *
     * @param martsEvents sum of {@code traffic_hourly.events} at the end
     * @param rawRecords rows of {@code raw.clickstream_events} at the end
     * @param countedAfter from RUNNING until the marts counted every event, null when they never did
     * @param committedAfter from RUNNING until the raw table held every event, null when it never did
     * @param startup from the jar upload until every task ran
     */
    record Progress(long martsEvents, long rawRecords, Duration countedAfter, Duration committedAfter,
            Duration startup) {
        Progress withStartup(Duration time) {
            return new Progress(martsEvents, rawRecords, countedAfter, committedAfter, time);
        }
    }

    /** Events counted in {@code traffic_hourly} of {@code schema}; 0 before the job created the table. */
    static long martsEvents(Connection connection, String schema) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(sum(events), 0) FROM " + schema
                     + ".traffic_hourly")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // the job has not created the table yet
            }
            throw e;
        }
    }

    private static long rawRecords(JdbcCatalog catalog) {
        if (!catalog.tableExists(RawTables.CLICKSTREAM_EVENTS)) {
            return 0;
        }
        Snapshot snapshot = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).currentSnapshot();
        return snapshot == null ? 0 : Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
    }

    private static void print(PrintWriter out, String format, Object... args) {
        ThrowawayStack.print(out, format, args);
    }
}

package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.IcebergCatalogBootstrap;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * Measures how fresh the dashboards are while the live job runs: a generator produces events stamped with the
 * current time into Kafka at a fixed rate, and for sampled events the benchmark measures production → visible in
 * each PostgreSQL mart ({@link FreshnessProbe}; open hours and days are updated continuously) and production →
 * committed in the raw Iceberg table ({@link FreshnessTracker}).
 *
 * <pre>
 *  start stack → empty topic → job RUNNING                                         ── not measured
 *  producer thread: R events/s, event time = now, every k-th event a sample        ── for the duration
 *  main thread: every poll interval, each pending sample's row, the raw table's committed records
 *  producer done → wait until every sample is visible (or the drain timeout) → report, JSON
 * </pre>
 */
public final class FreshnessBenchmark {

    static final String TOPIC = "benchmark.freshness";
    /** The snapshot summary entry in which the Iceberg sink names the committing Flink job. */
    static final String FLINK_JOB_ID = "flink.job-id";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);
    private static final int SAMPLES_PER_SECOND = 20;
    private static final int USERS = 10_000;
    private static final int PRODUCTS = 5_000;

    /**
     * One freshness run.
     *
     * @param rate events per second to produce
     * @param duration how long to produce
     * @param drainTimeout how long to wait afterwards for the last samples
     * @param partitions partitions of the topic
     * @param seed generator seed
     * @param parallelism the job's parallelism
     * @param checkpointInterval the job's checkpoint interval
     * @param flushInterval the marts' flush interval
     * @param taskManagerMemory the TaskManager's process size, null for the stack default
     * @param workDir where the stack's data go
     * @param keep keep the stack's data afterwards
     * @param json where to write the report as JSON, or null
     * @param soakSampleEvery a soak: how often to sample heap, state, processes and the lake; null for none
     * @param jobOptions further job options (e.g. a shorter session timeout, so a soak reaches the steady state of
     *     the state's lifetimes sooner); they win over the benchmark's own
     */
    public record Settings(double rate, Duration duration, Duration drainTimeout, int partitions, long seed,
            int parallelism, Duration checkpointInterval, Duration flushInterval, String taskManagerMemory,
            Path workDir, boolean keep, Path json, Duration soakSampleEvery, Map<String, String> jobOptions) {
        public Settings {
            jobOptions = Map.copyOf(jobOptions);
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
            Objects.requireNonNull(checkpointInterval, "checkpointInterval");
            Objects.requireNonNull(flushInterval, "flushInterval");
            Objects.requireNonNull(workDir, "workDir");
            if (!(rate > 0)) {
                throw new IllegalArgumentException("--rate must be > 0, was " + rate);
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("--duration must be > 0, was " + duration);
            }
            if (partitions < 1 || parallelism < 1) {
                throw new IllegalArgumentException("partitions and parallelism must be >= 1, were " + partitions
                        + " and " + parallelism);
            }
        }
    }

    private final Path repoHome;

    /** @param repoHome the repository, for the job jar and the services' classpaths */
    public FreshnessBenchmark(Path repoHome) {
        this.repoHome = repoHome;
    }

    /** Runs the benchmark; {@code out} gets what it does, progress and the report. */
    public FreshnessReport run(Settings settings, PrintWriter out) throws Exception {
        Path jar = JobJar.locate(repoHome);
        return ThrowawayStack.run(repoHome, settings.workDir(), settings.taskManagerMemory(), settings.keep(), out,
                (stack, config) -> measure(settings, stack.endpoints(), config, jar, TOPIC,
                        StreamingBenchmark.MARTS_SCHEMA, out));
    }

    /**
     * Runs the measurement on a running {@code stack}, with a topic and marts schema of its own (tests share one
     * stack; nothing else may write that schema).
     */
    FreshnessReport runOn(LocalStack stack, Settings settings, String topic, String schema, PrintWriter out)
            throws Exception {
        return measure(settings, stack.endpoints(), stack.config(), JobJar.locate(repoHome), topic, schema, out);
    }

    private FreshnessReport measure(Settings settings, StackEndpoints endpoints, StackConfig config, Path jar,
            String topic, String schema, PrintWriter out) throws Exception {
        KafkaTopics.ensure(endpoints.kafkaBootstrapServers(), topic, settings.partitions());
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        Map<String, String> options = new TreeMap<>(Map.of("clickstream.kafka.topic", topic,
                "clickstream.kafka.group-id", "freshness-" + topic, "clickstream.kafka.starting-offsets", "earliest",
                "marts.schema", schema, "marts.flush-interval", settings.flushInterval().toMillis() + " ms",
                "pipeline.parallelism", Integer.toString(settings.parallelism()),
                "pipeline.checkpoint-interval", settings.checkpointInterval().toMillis() + " ms"));
        options.putAll(settings.jobOptions());
        if (!settings.jobOptions().isEmpty()) {
            ThrowawayStack.print(out, "Job options: %s", settings.jobOptions());
        }
        Path jobConfig = StackJobConfigFile.write(config.dataDir().resolve("jobs/freshness-" + topic + ".properties"),
                endpoints, options);
        String loadAverage = LoadAverage.read();
        String jobId = new JobSubmission(rest, jar).submit("clickstream", jobConfig, null, Duration.ofMinutes(5));
        try {
            rest.awaitAllTasksRunning(jobId, Duration.ofMinutes(5));
            ThrowawayStack.print(out, "Job %s RUNNING: %s/#/job/running/%s/overview", jobId, endpoints.flinkRestUrl(),
                    jobId);
            long sampleEvery = Math.max(1, Math.round(settings.rate() / SAMPLES_PER_SECOND));
            FreshnessTracker tracker = new FreshnessTracker(FreshnessProbe.all(schema), sampleEvery, System::nanoTime);
            Producer producer = new Producer(settings, endpoints, topic, tracker);
            SoakSampler sampler = settings.soakSampleEvery() == null ? null : new SoakSampler(rest, jobId,
                    new PidFiles(config.runDir()).liveServices(), endpoints, settings.soakSampleEvery(),
                    tracker::producedEvents);
            producer.start();
            if (sampler != null) {
                sampler.start();
            }
            Soak soak = watch(settings, endpoints, rest, jobId, schema, tracker, producer, sampler, out);
            FreshnessReport report = new FreshnessReport(settings.rate(), tracker.producedEvents(),
                    ReportSections.perSecond(tracker.producedEvents(), producer.elapsed()), producer.elapsed(),
                    settings.checkpointInterval(), settings.flushInterval(), POLL, tracker.results(), loadAverage,
                    soak == null ? List.of() : soak.samples(), soak == null ? null : soak.verdict());
            out.print(report.render());
            if (settings.json() != null) {
                report.writeJson(settings.json());
                ThrowawayStack.print(out, "Wrote %s", settings.json());
            }
            out.flush();
            return report;
        } finally {
            rest.cancel(jobId);
        }
    }

    private record Soak(List<SoakSample> samples, SoakVerdict verdict) {
    }

    /**
     * Polls while the producer runs, then until every sample is visible (in a soak: every event committed and
     * counted) or the drain timeout passed; returns the soak's figures, null without a sampler.
     */
    private static Soak watch(Settings settings, StackEndpoints endpoints, FlinkRestClient rest, String jobId,
            String schema, FreshnessTracker tracker, Producer producer, SoakSampler sampler, PrintWriter out)
            throws Exception {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword());
             JdbcCatalog catalog = new JdbcCatalog()) {
            catalog.initialize(IcebergCatalogBootstrap.CATALOG_NAME, IcebergCatalogBootstrap.catalogProperties(endpoints));
            long nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
            long drainDeadline = Long.MAX_VALUE;
            while (true) {
                long committed = committedBy(catalog, jobId);
                tracker.poll(connection, committed);
                producer.rethrow();
                if (!producer.isAlive() && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + settings.drainTimeout().toNanos();
                    ThrowawayStack.print(out, "Produced %,d events; waiting for the last samples (at most %s) ...",
                            tracker.producedEvents(), settings.drainTimeout());
                }
                long produced = tracker.producedEvents();
                boolean drained = tracker.pendingSamples() == 0
                        && (sampler == null || (committed >= produced && StreamingBenchmark.martsEvents(connection, schema) >= produced));
                if (drainDeadline != Long.MAX_VALUE && (drained || System.nanoTime() > drainDeadline)) {
                    if (sampler == null) {
                        return null;
                    }
                    // One more look after everything arrived, so a doubled event has the chance to show.
                    Thread.sleep(settings.checkpointInterval().toMillis());
                    List<SoakSample> samples = sampler.stop();
                    return new Soak(samples, SoakVerdict.of(samples, tracker.producedEvents(),
                            committedBy(catalog, jobId), StreamingBenchmark.martsEvents(connection, schema)));
                }
                if (System.nanoTime() > nextProgress) {
                    nextProgress += PROGRESS_EVERY.toNanos();
                    String state = rest.jobState(jobId);
                    if (!state.equals("RUNNING")) {
                        throw new IllegalStateException("The benchmark job is " + state + ": " + rest.rootCause(jobId));
                    }
                    ThrowawayStack.print(out, "%,d events produced, %,d samples not visible yet", tracker.producedEvents(),
                            tracker.pendingSamples());
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * Records the job committed to the raw table: the {@code added-records} of the snapshots whose summary names the
     * job ({@code flink.job-id}, written by the Iceberg sink), so other writers of the table do not count.
     */
    static long committedBy(JdbcCatalog catalog, String jobId) {
        if (!catalog.tableExists(RawTables.CLICKSTREAM_EVENTS)) {
            return 0;
        }
        long records = 0;
        for (Snapshot snapshot : catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).snapshots()) {
            if (jobId.equals(snapshot.summary().get(FLINK_JOB_ID))) {
                records += Long.parseLong(snapshot.summary().getOrDefault("added-records", "0"));
            }
        }
        return records;
    }

    /** Produces events stamped with the current time at the asked rate, for the asked duration. */
    private static final class Producer extends Thread {
        private final Settings settings;
        private final StackEndpoints endpoints;
        private final String topic;
        private final FreshnessTracker tracker;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile long elapsedNanos;

        Producer(Settings settings, StackEndpoints endpoints, String topic, FreshnessTracker tracker) {
            super("freshness-producer");
            setDaemon(true);
            this.settings = settings;
            this.endpoints = endpoints;
            this.topic = topic;
            this.tracker = tracker;
        }

        @Override
        public void run() {
            ClickEventGenerator generator = new ClickEventGenerator(new GeneratorConfig(settings.seed(), Instant.now(),
                    GeneratorConfig.UNBOUNDED, Duration.ofNanos((long) (1e9 / settings.rate())), USERS, PRODUCTS));
            long start = System.nanoTime();
            long end = start + settings.duration().toNanos();
            long sent = 0;
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(endpoints.kafkaBootstrapServers(), topic,
                    KafkaEventPublisher.UNLIMITED)) {
                while (System.nanoTime() < end) {
                    long due = start + (long) (sent * 1e9 / settings.rate());
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    ClickEvent event = now(generator.next());
                    publisher.send(event);
                    tracker.produced(event);
                    sent++;
                }
                publisher.flush();
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                elapsedNanos = System.nanoTime() - start;
            }
        }

        Duration elapsed() {
            return Duration.ofNanos(elapsedNanos);
        }

        void rethrow() {
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("The producer failed: " + error.getMessage(), error);
            }
        }

        /** The event, happening now. */
        private static ClickEvent now(ClickEvent e) {
            return new ClickEvent(Instant.now(), e.eventType(), e.productId(), e.categoryId(), e.categoryCode(),
                    e.brand(), e.price(), e.userId(), e.userSession(), e.eventId(), e.device(), e.country(),
                    e.region(), e.searchQuery());
        }
    }
}

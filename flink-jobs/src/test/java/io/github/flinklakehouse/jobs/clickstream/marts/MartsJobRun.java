package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.FileUtils;

/**
 * Runs the real clickstream job graph on the test's MiniCluster over {@link MartsTestData}, writing every
 * mart into a PostgreSQL schema of {@link TestPostgres} through the production {@link JdbcMartSinks}.
 */
public final class MartsJobRun {

    /** Watermark lag and lateness of the runs: blocks shuffled over five minutes are never late. */
    static final ClickstreamSettings SETTINGS = new ClickstreamSettings(
            Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(500));

    /** Set once the deliberate failure was thrown, so the restarted attempt does not throw again. */
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    private MartsJobRun() {
    }

    /**
     * Runs the job to the end of the data in STREAMING mode and returns its dead letters.
     *
     * @param failAtPosition when >= 0, the source throws once when it reaches this position, after which the job
     *     restarts from its latest checkpoint (checkpoints every 200 ms, source rate-limited so some complete first)
     */
    static List<DeadLetter> run(long seed, int generatedEvents, String martsSchema, long failAtPosition)
            throws Exception {
        return run(seed, generatedEvents, martsSchema, failAtPosition, RuntimeExecutionMode.STREAMING);
    }

    /** Runs the same job graph in BATCH mode, as a backfill does. */
    static List<DeadLetter> runBatch(long seed, int generatedEvents, String martsSchema) throws Exception {
        return run(seed, generatedEvents, martsSchema, -1, RuntimeExecutionMode.BATCH);
    }

    private static List<DeadLetter> run(long seed, int generatedEvents, String martsSchema, long failAtPosition,
            RuntimeExecutionMode mode) throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + martsSchema + " CASCADE");
        }
        ClickstreamMarts.ensureTables(TestPostgres.connection(), martsSchema, SETTINGS);

        Configuration conf = new Configuration();
        // Checkpoints on disk, as in production (S3): the marts' keyed state of a million events outgrows the
        // 5 MB limit of the default JobManager-memory checkpoint storage.
        Path checkpoints = Files.createTempDirectory("marts-checkpoints");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        if (failAtPosition >= 0) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 2);
            conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
            FAILED_ONCE.set(false);
        } else {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.configure(conf);
        if (mode == RuntimeExecutionMode.BATCH) {
            LakehouseJobs.configureBackfill(env);
        } else {
            env.setRuntimeMode(mode);
        }

        CollectingSink<DeadLetter> rejected = new CollectingSink<>();
        new ClickstreamJob(SETTINGS, source(seed, generatedEvents, failAtPosition), SinkBinding.of(new DiscardingSink<>()),
                SinkBinding.of(rejected), new JdbcMartSinks(TestPostgres.connection(), martsSchema, Duration.ofMillis(500)))
                .addTo(env);
        try {
            env.executeAsync("marts-equality-" + martsSchema).getJobExecutionResult().get(10, TimeUnit.MINUTES);
        } finally {
            FileUtils.deleteDirectoryQuietly(checkpoints.toFile());
        }
        if (failAtPosition >= 0 && !FAILED_ONCE.get()) {
            throw new AssertionError("The deliberate failure at position " + failAtPosition + " never happened");
        }
        return new ArrayList<>(rejected.results());
    }

    /** A mart set without any mart, for jobs that only feed the lake. */
    public static MartSet<ClickMartEvent> noMarts() {
        return MartSet.builder(ClickstreamMarts.PIPELINE, TypeInformation.of(ClickMartEvent.class),
                event -> event.eventTime).build();
    }

    /** The delivered events of {@link MartsTestData#of} as Kafka records at offsets 0..n of partition 0. */
    public static DataGeneratorSource<RawRecord> source(long seed, int generatedEvents) {
        return source(seed, generatedEvents, -1);
    }

    /** Reads the data set from {@link MartsTestData#of} by position, so the job graph does not carry it. */
    private static DataGeneratorSource<RawRecord> source(long seed, int generatedEvents, long failAtPosition) {
        MartsTestData data = MartsTestData.of(seed, generatedEvents);
        long timestamp = data.ingestedAt().toEpochMilli();
        GeneratorFunction<Long, RawRecord> byIndex = index -> {
            if (index == failAtPosition && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("Deliberate failure at position " + index + " (test)");
            }
            return new RawRecord("clicks", 0, index, timestamp, MartsTestData.of(seed, generatedEvents).payload(index));
        };
        RateLimiterStrategy rate = failAtPosition >= 0 ? RateLimiterStrategy.perSecond(40_000) : RateLimiterStrategy.noOp();
        return new DataGeneratorSource<>(byIndex, data.events().size(), rate, TypeInformation.of(RawRecord.class));
    }
}

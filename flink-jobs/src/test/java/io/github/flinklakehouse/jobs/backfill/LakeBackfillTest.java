package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamWiring;
import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.clickstream.marts.IndependentMarts;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.clickstream.marts.MartsJobRun;
import io.github.flinklakehouse.jobs.clickstream.marts.MartsTestData;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lake backfill ({@code --backfill.source lake}) re-derives every mart from {@code raw.clickstream_events}
 * (a real, local-file Iceberg table) equal to its SQL definition, reads each raw row once and appends nothing.
 */
class LakeBackfillTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long SEED = 13L;
    private static final int EVENTS = 30_000;
    private static final String SCHEMA = "lake_backfill";

    @TempDir
    Path warehouse;

    @Test
    void derivesEveryMartFromTheLakeOnceWithoutWritingToIt() throws Exception {
        CatalogLoader catalog = CatalogLoader.hadoop(
                "test", new org.apache.hadoop.conf.Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        Catalog lake = catalog.loadCatalog();
        LakeTables.ensureRawTables(lake);
        MartsTestData data = MartsTestData.of(SEED, EVENTS);
        ingestIntoTheLake(catalog);
        long rawRows = data.events().size() - data.retries();

        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "backfill.source", "lake",
                "marts.schema", SCHEMA,
                "marts.jdbc.url", TestPostgres.connection().url(),
                "marts.jdbc.user", TestPostgres.connection().user()), Optional.empty(), Map.of());
        try (Connection connection = TestPostgres.open()) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        ClickstreamMarts.ensureTables(config.marts().connection(), SCHEMA, ClickstreamConfig.of(config).clickstream());
        StreamExecutionEnvironment env = batchEnvironment(config);
        BackfillWiring.create(config, catalog).addTo(env);
        JobExecutionResult result = env.execute(BackfillWiring.JOB_NAME);

        assertThat((Long) result.getAccumulatorResult(ProgressCounters.ROWS_READ)).isEqualTo(rawRows);
        assertThat((Long) result.getAccumulatorResult(ProgressCounters.RAW_EVENTS)).isEqualTo(rawRows);
        assertThat(lake.loadTable(io.github.flinklakehouse.catalog.RawTables.CLICKSTREAM_EVENTS).snapshots())
                .as("the lake backfill appends nothing").hasSize(1);
        try (Connection connection = TestPostgres.open()) {
            IndependentMarts.load(connection, data.events());
        }
        for (MartTable<?> table : IndependentMarts.comparedTables().toList()) {
            IndependentMarts.assertMatchesDefinition(table, SCHEMA);
        }
    }

    /** What the live job does, in one bounded run: the generated deliveries into raw.clickstream_events. */
    private static void ingestIntoTheLake(CatalogLoader catalog) throws Exception {
        StreamExecutionEnvironment env = batchEnvironment(LakehouseJobs.PIPELINES.defaults());
        new ClickstreamJob(ClickstreamConfig.of(LakehouseJobs.PIPELINES.defaults()).clickstream(), MartsJobRun.source(SEED, EVENTS),
                ClickstreamWiring.rawEventsSink(catalog), SinkBinding.of(new DiscardingSink<>()),
                new CollectingMartSinks(), MartsJobRun.noMarts())
                .addTo(env);
        env.execute("ingest");
    }

    private static StreamExecutionEnvironment batchEnvironment(LakehouseConfig config) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, config);
        LakehouseJobs.configureBackfill(env);
        return env;
    }
}

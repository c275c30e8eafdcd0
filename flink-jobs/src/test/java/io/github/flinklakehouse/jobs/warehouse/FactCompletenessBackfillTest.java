package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.backfill.BackfillWiring;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamPipeline;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.CsvEventWriter;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.pipeline.BackfillCheck;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyMart;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The staging-vs-fact completeness check of a backfill with the warehouse ({@link FactCompletenessCheck}), on the
 * accumulators of the real backfill job (a CSV file, BATCH, the production upsert sinks into the test PostgreSQL):
 * every staged row of the range becomes a fact and the check passes, reporting its ratio; with a {@code drop} rule
 * that removes most rows the ratio falls below 0.9 and the check fails naming the ratio, the threshold and the range.
 */
class FactCompletenessBackfillTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String RANGE_FROM = "2019-10-01";
    private static final String RANGE_UNTIL = "2019-10-02";
    /** Rows in the range: 20, of which 4 cost at most 10 (the drop rule keeps only those). */
    private static final int IN_RANGE = 20;
    private static final int CHEAP = 4;

    @TempDir
    Path dir;

    @Test
    void everyStagedRowBecomesAFactAndTheCheckReportsItsRatio() throws Exception {
        String schema = "fact_complete";
        Map<String, String> counters = backfill(schema, Map.of());

        assertThat(counters).containsEntry(ProgressCounters.ROWS_READ, Integer.toString(IN_RANGE + 2))
                .containsEntry(ProgressCounters.OUTSIDE_RANGE, "2")
                .containsEntry(ProgressCounters.FACT_ROWS, Integer.toString(IN_RANGE));
        assertThat(count(schema + ".fact_user_events")).isEqualTo(IN_RANGE);
        List<BackfillCheck> checks = new ClickstreamPipeline().backfillChecks(config(schema, Map.of()));
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0).verify(counters, range())).isEqualTo("fact_completeness 1.0000: 20 fact_user_events"
                + " rows of 20 staged rows in [2019-10-01T00:00:00Z, 2019-10-02T00:00:00Z), at least 0.9000"
                + " (warehouse.backfill.min-completeness)");
    }

    @Test
    void aDropRuleThatRemovesMostRowsFailsTheBackfillNamingRatioThresholdAndRange() throws Exception {
        String schema = "fact_incomplete";
        Map<String, String> options = Map.of("clickstream.quality.rules", "cheap_only = price range 0..10 -> drop");
        Map<String, String> counters = backfill(schema, options);

        assertThat(counters).containsEntry(ProgressCounters.FACT_ROWS, Integer.toString(CHEAP))
                .containsEntry(ProgressCounters.REJECTED_PREFIX + "QUALITY_RULE", Integer.toString(IN_RANGE - CHEAP));
        assertThat(count(schema + ".fact_user_events")).isEqualTo(CHEAP);
        BackfillCheck check = new ClickstreamPipeline().backfillChecks(config(schema, options)).get(0);
        assertThatThrownBy(() -> check.verify(counters, range()))
                .isInstanceOf(BackfillCheck.Failed.class)
                .hasMessageStartingWith("fact_completeness 0.2000: 4 fact_user_events rows of 20 staged rows in "
                        + "[2019-10-01T00:00:00Z, 2019-10-02T00:00:00Z), below 0.9000"
                        + " (warehouse.backfill.min-completeness); nothing of the range was published");

        // A lower threshold lets the same run pass; 0 turns the check off.
        Map<String, String> lenient = new HashMap<>(options);
        lenient.put("warehouse.backfill.min-completeness", "0.2");
        assertThat(new ClickstreamPipeline().backfillChecks(config(schema, lenient)).get(0).verify(counters, range()))
                .startsWith("fact_completeness 0.2000");
    }

    @Test
    void theThresholdIsASharePassedAtStartOrReportedWithItsKey() {
        assertThatThrownBy(() -> config("any", Map.of("warehouse.backfill.min-completeness", "1.5")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.backfill.min-completeness: must be a share from 0 to 1 (e.g. 0.9) but"
                        + " was 1.5");
        assertThatThrownBy(() -> config("any", Map.of("warehouse.backfill.min-completeness", "most")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("warehouse.backfill.min-completeness");
        assertThat(new ClickstreamPipeline().backfillChecks(LakehouseJobs.PIPELINES.defaults()))
                .as("without the warehouse there are no facts to check").isEmpty();
    }

    /** Runs the backfill job of the generated file into {@code schema}; its accumulators as REST has them. */
    private Map<String, String> backfill(String schema, Map<String, String> options) throws Exception {
        LakehouseConfig config = config(schema, options);
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        ClickstreamMarts.ensureTables(config.marts().connection(), schema, ClickstreamConfig.of(config).clickstream());
        MartTable.ensureAll(config.marts().connection(), schema, WarehouseTables.of(WarehouseOptions.of(config)));
        DataQualityDailyMart.TABLE.ensure(config.marts().connection(), schema);
        CatalogLoader catalog = CatalogLoader.hadoop("test", new org.apache.hadoop.conf.Configuration(),
                Map.of("warehouse", dir.resolve("lake-" + schema).toUri().toString()));
        LakeTables.ensureRawTables(catalog.loadCatalog());

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, config);
        LakehouseJobs.configureBackfill(env);
        BackfillWiring.create(config, catalog).addTo(env);
        JobExecutionResult result = env.execute(BackfillWiring.JOB_NAME);
        Map<String, String> counters = new TreeMap<>();
        result.getAllAccumulatorResults().forEach((name, value) -> counters.put(name, String.valueOf(value)));
        return counters;
    }

    private LakehouseConfig config(String schema, Map<String, String> more) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of(
                "backfill.source", "files",
                "backfill.files", file().toString(),
                "backfill.from", RANGE_FROM,
                "backfill.until", RANGE_UNTIL,
                "backfill.write-lake", "false",
                "warehouse.enabled", "true",
                "marts.schema", schema,
                "marts.jdbc.url", TestPostgres.connection().url(),
                "marts.jdbc.user", TestPostgres.connection().user()));
        options.putAll(more);
        return LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(), Map.of());
    }

    /** Twenty events of 2019-10-01 by five users (four cost 5.00, the others 50.00), and two of the day before. */
    private Path file() throws Exception {
        Path file = dir.resolve("events.csv");
        if (!file.toFile().exists()) {
            List<ClickEvent> events = new ArrayList<>();
            for (int i = 0; i < IN_RANGE; i++) {
                String time = "2019-10-01T10:" + String.format("%02d", i) + ":00Z";
                events.add(event(time, i, i < CHEAP ? "5.00" : "50.00"));
            }
            events.add(event("2019-09-30T23:00:00Z", 100, "5.00"));
            events.add(event("2019-09-30T23:30:00Z", 101, "5.00"));
            CsvEventWriter.writeAll(file, false, events.iterator());
        }
        return file;
    }

    private static ClickEvent event(String time, int i, String price) {
        return new ClickEvent(Instant.parse(time), i % 3 == 0 ? EventType.PURCHASE : EventType.VIEW, 1000 + i % 4, 7,
                "electronics.smartphone", "acme", new BigDecimal(price), 500 + i % 5, "session-" + i % 5, null);
    }

    private static EventTimeRange range() {
        return new EventTimeRange(Instant.parse(RANGE_FROM + "T00:00:00Z"), Instant.parse(RANGE_UNTIL + "T00:00:00Z"));
    }

    private static long count(String table) throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

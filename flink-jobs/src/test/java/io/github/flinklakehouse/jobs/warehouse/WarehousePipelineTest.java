package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.CuratedTables;
import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.maintenance.LakeTableMaintenance;
import io.github.flinklakehouse.catalog.maintenance.MaintenancePolicy;
import io.github.flinklakehouse.catalog.maintenance.MaintenanceReport;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.dashboards.QuestionCheck;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventQualityFields;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogJsonEncoder;
import io.github.flinklakehouse.jobs.clickstream.marts.MartsJobRun;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyMart;
import io.github.flinklakehouse.jobs.quality.QualityRules;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import io.github.flinklakehouse.jobs.testing.DashboardQuestions;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Application-log lines (declared format, string ids) through the whole clickstream job with the warehouse, into
 * the real test PostgreSQL through the production upsert sinks, in STREAMING and in BATCH: users change device and
 * region, events arrive out of order, a change arrives after the versions around it, a purchase is sent twice; every
 * row of {@code dim_user}, the user key of every fact and {@code dim_product} are exact, and equal in both modes; a
 * second run over the same tables (a replay) changes nothing and doubles no fact. Data-quality rules run alongside
 * (warn rules, and a drop rule every event passes, so the warehouse sees every event): {@code data_quality_daily} is
 * exact in both modes; a line that is not JSON and the retry are counted in {@code rejected_daily}, exact in both
 * modes and after the replay; and the "Warehouse and data quality" dashboard's questions and page are checked on these
 * tables. The same operators also write the lake copies ({@code curated.*} in a local Iceberg warehouse, production
 * {@link WarehouseLakeSinks}): every row of every column equals its PostgreSQL table in both modes, also after the
 * replay (upserts by key: nothing doubled).
 */
class WarehousePipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final AppLogJsonEncoder ENCODER =
            new AppLogJsonEncoder(IdPattern.parse("u######"), IdPattern.parse("p####"));
    /** A lateness no arrival order of these events can exceed, whenever the periodic watermarks come. */
    private static final ClickstreamSettings SETTINGS = new ClickstreamSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofMillis(200),
            EventValidation.defaults().withFormat(ENCODER.format()), Duration.ofHours(1),
            ClickstreamMartSettings.defaults()).withQuality(rules(
                    "known_device = device in mobile|desktop -> warn",
                    "recent = event_time fresh 1h -> warn",
                    "price_range = price range 0..100000 -> drop"));
    private static final WarehouseSettings WAREHOUSE = WarehouseSettings.tracking(UserAttribute.DEVICE,
            UserAttribute.COUNTRY, UserAttribute.REGION);

    /** The lines in arrival (offset) order. */
    private static final List<ClickEvent> ARRIVALS = List.of(
            event("a1", "10:00", EventType.VIEW, 123, 45, "29000", "mobile", "KR", "Seoul"),
            event("a3", "10:20", EventType.VIEW, 123, 45, "29000", "desktop", "KR", "Seoul"),
            event("a4", "10:30", EventType.CART, 123, 45, "29000", "desktop", "KR", "Seoul"),
            purchase("a5", "10:40", 123, 45, "31000", 2, "62000", "mobile", "KR", "Seoul"),
            // Out of order, agrees with the version it falls into: changes nothing.
            event("a2", "10:10", EventType.VIEW, 123, 45, "29000", "mobile", "KR", "Seoul"),
            // A producer retry of a5: a DUPLICATE_EVENT_ID dead letter, one fact.
            purchase("a5", "10:40", 123, 45, "31000", 2, "62000", "mobile", "KR", "Seoul"),
            // A change arriving after the versions around it: splits desktop [10:20, 10:40).
            event("a6", "10:25", EventType.VIEW, 123, 46, "500", "tablet", "KR", "Seoul"),
            event("b2", "11:05", EventType.VIEW, 124, 46, "520", "mobile", "US", "CA"),
            // Earlier, without region: a version of its own before b2's.
            event("b1", "11:00", EventType.VIEW, 124, 46, "510", "mobile", "US", null),
            event("c1", "09:00", EventType.VIEW, 125, 47, "1", null, null, null));

    private static final List<String> EXPECTED_DIM_USER = List.of(
            version(123, "10:00", "10:20", "mobile", "KR", "Seoul"),
            version(123, "10:20", "10:25", "desktop", "KR", "Seoul"),
            version(123, "10:25", "10:30", "tablet", "KR", "Seoul"),
            version(123, "10:30", "10:40", "desktop", "KR", "Seoul"),
            version(123, "10:40", null, "mobile", "KR", "Seoul"),
            version(124, "11:00", "11:05", "mobile", "US", null),
            version(124, "11:05", null, "mobile", "US", "CA"),
            version(125, "09:00", null, null, null, null));

    private static final List<String> EXPECTED_FACTS = List.of(
            fact("a1", 123, "10:00", 45, null, null),
            fact("a2", 123, "10:00", 45, null, null),
            fact("a3", 123, "10:20", 45, null, null),
            fact("a4", 123, "10:30", 45, null, null),
            fact("a5", 123, "10:40", 45, 2, "62000.00"),
            fact("a6", 123, "10:25", 46, null, null),
            fact("b1", 124, "11:00", 46, null, null),
            fact("b2", 124, "11:05", 46, null, null),
            fact("c1", 125, "09:00", 47, null, null));

    /** Rule results of 2025-01-10 (checked, passed, failed): the retry of a5 is checked too (before the dedupe). */
    private static final List<String> EXPECTED_QUALITY = List.of(
            "2025-01-10 clickstream known_device 9 8 1", // a6's tablet fails; c1 has no device (not checked)
            "2025-01-10 clickstream price_range 10 10 0",
            "2025-01-10 clickstream recent 10 2 8"); // received at 12:00: only b1 and b2 are within the hour

    /** A record that is not JSON, after the events: a NOT_JSON dead letter beside the retry's DUPLICATE_EVENT_ID. */
    private static final byte[] NOT_JSON = "this is not json".getBytes(StandardCharsets.UTF_8);

    /** Rejected records per day of seen_at (every record's Kafka timestamp is 12:00), source and reason. */
    private static final List<String> EXPECTED_REJECTED = List.of(
            "2025-01-10 clickstream kafka DUPLICATE_EVENT_ID 1",
            "2025-01-10 clickstream kafka NOT_JSON 1");

    private static final List<String> EXPECTED_DIM_PRODUCT = List.of(
            SurrogateKeys.productKey(45) + " 45 phones acme 31000.00 " + at("10:00") + " " + at("10:40"),
            SurrogateKeys.productKey(46) + " 46 phones acme 520.00 " + at("10:25") + " " + at("11:05"),
            SurrogateKeys.productKey(47) + " 47 phones acme 1.00 " + at("09:00") + " " + at("09:00"));

    private static final CuratedRows ROWS = new CuratedRows(WAREHOUSE);

    @TempDir
    static Path lakes;

    private static List<DeadLetter> streamingDeadLetters;
    private static List<DeadLetter> batchDeadLetters;
    private static Map<String, List<String>> lakeAfterFirstStreamingRun;
    /** Rows in the data files of each streaming lake table (deleted ones too) after the first and the second run. */
    private static Map<String, long[]> rowsWrittenByStreamingRuns;

    @BeforeAll
    static void runStreamingTwiceAndBatchOnce() throws Exception {
        streamingDeadLetters = run(RuntimeExecutionMode.STREAMING, "wh_stream", true);
        lakeAfterFirstStreamingRun = new HashMap<>();
        rowsWrittenByStreamingRuns = new HashMap<>();
        for (String table : ROWS.tables()) {
            lakeAfterFirstStreamingRun.put(table, lake("wh_stream", table));
            rowsWrittenByStreamingRuns.put(table, new long[] {rowsWritten("wh_stream", table), 0});
        }
        run(RuntimeExecutionMode.STREAMING, "wh_stream", false);
        for (String table : ROWS.tables()) {
            rowsWrittenByStreamingRuns.get(table)[1] = rowsWritten("wh_stream", table);
        }
        batchDeadLetters = run(RuntimeExecutionMode.BATCH, "wh_batch", true);
    }

    @Test
    void theLakeCopiesEqualThePostgresTablesRowForRowInBothModes() throws Exception {
        for (String schema : List.of("wh_stream", "wh_batch")) {
            for (String table : ROWS.tables()) {
                assertThat(lake(schema, table)).as(schema + " curated." + table)
                        .containsExactlyInAnyOrderElementsOf(postgres(schema, table));
            }
        }
        // And both are the expected history: the lake's dim_user and the user_key of every lake fact.
        assertThat(lake("wh_batch", "dim_user")).hasSameSizeAs(EXPECTED_DIM_USER);
        assertThat(lake("wh_stream", "fact_user_events")).hasSameSizeAs(EXPECTED_FACTS);
    }

    @Test
    void lakeMaintenanceCompactsTheUpsertedTablesWithoutChangingARow() throws Exception {
        // Keeps every snapshot and file: only the compaction acts. The replay's equality deletes apply to the first
        // run's files, so a compaction that copied the deleted rows would double them.
        MaintenancePolicy compactOnly = new MaintenancePolicy(128L << 20, 2, Duration.ofDays(365), 1_000,
                Duration.ofDays(365), Set.of(), Duration.ofDays(365));
        for (String table : ROWS.tables()) {
            MaintenanceReport report = LakeTableMaintenance.run(lakeTable("wh_stream", table), compactOnly,
                    Instant.now());
            assertThat(report.filesCompacted()).as(table + ": each run committed at least one file").isGreaterThan(1);
            assertThat(lake("wh_stream", table)).as(table)
                    .containsExactlyInAnyOrderElementsOf(postgres("wh_stream", table));
        }
    }

    @Test
    void theReplayRewroteTheLakeRowsWithoutDoublingAFact() throws Exception {
        // Each run wrote every fact once: 9 rows in the data files after the first run, 18 after the replay ...
        assertThat(rowsWrittenByStreamingRuns.get("fact_user_events")).containsExactly(9, 18);
        for (String table : ROWS.tables()) {
            long[] written = rowsWrittenByStreamingRuns.get(table);
            assertThat(written[1] - written[0]).as(table + ": the replay wrote every row again")
                    .isGreaterThanOrEqualTo(lakeAfterFirstStreamingRun.get(table).size());
            // ... and the tables hold exactly what they held after the first run: the replay replaced, by key.
            assertThat(lake("wh_stream", table)).as(table)
                    .containsExactlyInAnyOrderElementsOf(lakeAfterFirstStreamingRun.get(table));
        }
        assertThat(lake("wh_stream", "fact_user_events")).extracting(row -> row.split(" ")[0])
                .containsExactlyInAnyOrder("a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2", "c1");
    }

    @Test
    void everyVersionOfEveryUserIsExactInBothModes() throws Exception {
        assertThat(dimUser("wh_stream")).containsExactlyElementsOf(EXPECTED_DIM_USER);
        assertThat(dimUser("wh_batch")).containsExactlyElementsOf(EXPECTED_DIM_USER);
    }

    @Test
    void everyFactHasTheVersionValidAtItsEventTimeAndTheRetryIsOneFact() throws Exception {
        assertThat(facts("wh_stream")).containsExactlyElementsOf(EXPECTED_FACTS);
        assertThat(facts("wh_batch")).containsExactlyElementsOf(EXPECTED_FACTS);
        assertThat(streamingDeadLetters).extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(RejectReason.DUPLICATE_EVENT_ID.name(), RejectReason.NOT_JSON.name());
        assertThat(batchDeadLetters).extracting(DeadLetter::reason)
                .containsExactlyInAnyOrder(RejectReason.DUPLICATE_EVENT_ID.name(), RejectReason.NOT_JSON.name());
    }

    @Test
    void theRejectedRecordsPerDayAndReasonAreExactInBothModesAndAfterAReplay() throws Exception {
        // wh_stream was written twice by the same records: absolute rows, nothing doubled.
        assertThat(rejected("wh_stream")).containsExactlyElementsOf(EXPECTED_REJECTED);
        assertThat(rejected("wh_batch")).containsExactlyElementsOf(EXPECTED_REJECTED);
    }

    @Test
    void productsKeepTheLatestPriceAndFirstAndLastSeen() throws Exception {
        assertThat(dimProduct("wh_stream")).containsExactlyElementsOf(EXPECTED_DIM_PRODUCT);
        assertThat(dimProduct("wh_batch")).containsExactlyElementsOf(EXPECTED_DIM_PRODUCT);
    }

    @Test
    void theRuleResultsPerDayAreExactInBothModes() throws Exception {
        assertThat(quality("wh_stream")).containsExactlyElementsOf(EXPECTED_QUALITY);
        assertThat(quality("wh_batch")).containsExactlyElementsOf(EXPECTED_QUALITY);
    }

    @Test
    void theWarehouseAndDataQualityDashboardAnswersOnTheseTables() throws Exception {
        // Every question of deploy/dashboards/warehouse-quality.dashboard.json, as the BI role reads it.
        List<QuestionCheck.Answer> questions = DashboardQuestions.run("clickstream-warehouse", "wh_stream");
        assertThat(QuestionCheck.problems(questions)).as(questions.toString()).isEmpty();
        assertThat(questions).hasSize(DashboardQuestions.questionCount("clickstream-warehouse"));

        // The page `lakehouse run` serves, in headless Chromium: no script error, every chart drawn with rows;
        // a screenshot under target/dashboards.
        long opened = System.nanoTime();
        assertThat(DashboardQuestions.pageProblems("clickstream-warehouse", "wh_stream")).isEmpty();
        System.out.printf("dashboards page: checked in headless Chromium in %d ms%n",
                (System.nanoTime() - opened) / 1_000_000);
    }

    private static List<DeadLetter> run(RuntimeExecutionMode mode, String schema, boolean fresh) throws Exception {
        if (fresh) {
            try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            MartTable.ensureAll(TestPostgres.connection(), schema, WarehouseTables.of(WAREHOUSE));
            DataQualityDailyMart.TABLE.ensure(TestPostgres.connection(), schema);
            RejectedDailyMart.TABLE.ensure(TestPostgres.connection(), schema);
        }
        CatalogLoader lake = lakeCatalog(schema);
        if (fresh) {
            LakeTables.ensure(lake.loadCatalog(), WarehouseLakeSinks.definitions(WAREHOUSE));
        }
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        // Short checkpoints: the lake commits on them (and on the final one at the end of input).
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300));
        env.configure(conf);
        if (mode == RuntimeExecutionMode.BATCH) {
            LakehouseJobs.configureBackfill(env);
        } else {
            env.setRuntimeMode(mode);
        }
        List<byte[]> lines = new ArrayList<>(ARRIVALS.stream()
                .map(e -> ENCODER.encode(e).getBytes(StandardCharsets.UTF_8)).toList());
        lines.add(NOT_JSON);
        CollectingSink<DeadLetter> rejected = new CollectingSink<>();
        new ClickstreamJob(SETTINGS, RawRecordsSource.of("app-log", lines, at("12:00").toEpochMilli()),
                SinkBinding.of(new DiscardingSink<>()), SinkBinding.of(rejected),
                new JdbcMartSinks(TestPostgres.connection(), schema, Duration.ofMillis(200)), MartsJobRun.noMarts())
                .withWarehouse(new Warehouse(WAREHOUSE).withLake(new WarehouseLakeSinks(lake, WAREHOUSE)))
                .addTo(env);
        env.executeAsync("warehouse-" + mode + "-" + schema).getJobExecutionResult().get(2, TimeUnit.MINUTES);
        return new ArrayList<>(rejected.results());
    }

    private static CatalogLoader lakeCatalog(String schema) {
        return CatalogLoader.hadoop("test", new org.apache.hadoop.conf.Configuration(),
                Map.of("warehouse", lakes.resolve(schema).toUri().toString()));
    }

    private static List<String> lake(String schema, String table) throws Exception {
        return ROWS.lake(lakeCatalog(schema), table);
    }

    private static Table lakeTable(String schema, String table) {
        return lakeCatalog(schema).loadCatalog().loadTable(TableIdentifier.of(CuratedTables.CURATED, table));
    }

    /** The rows of the table's data files, including those a later upsert deleted. */
    private static long rowsWritten(String schema, String table) {
        Snapshot current = lakeTable(schema, table).currentSnapshot();
        return current == null ? 0 : Long.parseLong(current.summary().get("total-records"));
    }

    private static List<String> postgres(String schema, String table) throws Exception {
        return ROWS.postgres(schema, table);
    }

    private static List<String> dimUser(String schema) throws Exception {
        return query("SELECT user_key, user_id, device, country, region, valid_from, valid_to, is_current FROM "
                + schema + ".dim_user ORDER BY user_id, valid_from", 8);
    }

    private static List<String> facts(String schema) throws Exception {
        return query("SELECT event_id, user_key, product_key, session, quantity, revenue FROM " + schema
                + ".fact_user_events ORDER BY event_id", 6);
    }

    private static List<String> dimProduct(String schema) throws Exception {
        return query("SELECT product_key, product_id, category, brand, latest_price, first_seen, last_seen FROM "
                + schema + ".dim_product ORDER BY product_id", 7);
    }

    private static List<String> quality(String schema) throws Exception {
        return query("SELECT event_date, pipeline, rule, checked, passed, failed FROM " + schema
                + ".data_quality_daily ORDER BY rule", 6);
    }

    private static List<String> rejected(String schema) throws Exception {
        return query("SELECT seen_date, pipeline, source, reason, rejected FROM " + schema
                + ".rejected_daily ORDER BY reason", 5);
    }

    private static QualityRules rules(String... declarations) {
        List<String> problems = new ArrayList<>();
        QualityRules rules = QualityRules.parse(List.of(declarations), new ClickEventQualityFields().kinds(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return rules;
    }

    private static List<String> query(String sql, int columns) throws Exception {
        return TestPostgres.rowsAsText(sql, columns);
    }

    private static String version(long user, String from, String to, String device, String country, String region) {
        return SurrogateKeys.userKey(user, at(from).toEpochMilli()) + " " + user + " " + device + " " + country + " "
                + region + " " + at(from) + " " + (to == null ? "null" : at(to).toString()) + " " + (to == null);
    }

    private static String fact(String id, long user, String versionFrom, long product, Integer quantity,
            String revenue) {
        return id + " " + SurrogateKeys.userKey(user, at(versionFrom).toEpochMilli()) + " "
                + SurrogateKeys.productKey(product) + " s-" + user + " " + quantity + " " + revenue;
    }

    private static ClickEvent event(String id, String time, EventType type, long user, long product, String price,
            String device, String country, String region) {
        return new ClickEvent(at(time), type, product, 0, "phones", "acme", new BigDecimal(price), user, "s-" + user,
                id, device, country, region, null, null, null);
    }

    private static ClickEvent purchase(String id, String time, long user, long product, String price, int quantity,
            String revenue, String device, String country, String region) {
        return new ClickEvent(at(time), EventType.PURCHASE, product, 0, "phones", "acme", new BigDecimal(price), user,
                "s-" + user, id, device, country, region, null, quantity, new BigDecimal(revenue));
    }

    private static Instant at(String time) {
        return Instant.parse("2025-01-10T" + time + ":00Z");
    }
}

package io.github.flinklakehouse.jobs.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogJsonEncoder;
import io.github.flinklakehouse.jobs.clickstream.marts.MartsJobRun;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.range.MartRangePublisher;
import io.github.flinklakehouse.jobs.marts.range.PublishResult;
import io.github.flinklakehouse.jobs.marts.range.StagingSchema;
import io.github.flinklakehouse.jobs.pipeline.BackfillCheck;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backfill of a range publishes the warehouse ({@link WarehouseRangeMerge}, through the range publisher): the real
 * clickstream job in BATCH writes, through the production upsert sinks into the real test PostgreSQL, (1) the tables
 * of one run over all the events, (2) a target that missed the range's events or saw other ones there, and (3) the
 * staging tables of a backfill of the range; after the publish the target equals (1) row for row in
 * {@code dim_user}, {@code fact_user_events} and {@code dim_product}: a change in the range merges with the
 * unchanged version after it, a change the range undoes splits the version spanning its end, a range without a
 * change joins the version before it, a version the target made from events the lake does not have disappears. By
 * default the publish refuses, rolled back, to change a user's current version or a product's row (a live job holds
 * them in its state). A second backfill of the same range changes no row, and is allowed.
 */
class WarehouseRangeBackfillTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final AppLogJsonEncoder ENCODER =
            new AppLogJsonEncoder(IdPattern.parse("u######"), IdPattern.parse("p####"));
    private static final ClickstreamSettings SETTINGS = new ClickstreamSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(30), Duration.ofDays(1), Duration.ofMillis(200),
            EventValidation.defaults().withFormat(ENCODER.format()), Duration.ofHours(1),
            ClickstreamMartSettings.defaults());
    private static final WarehouseSettings WAREHOUSE = WarehouseSettings.tracking(UserAttribute.DEVICE,
            UserAttribute.COUNTRY);
    private static final EventTimeRange RANGE = new EventTimeRange(at("11:00"), at("12:00"));
    private static final CuratedRows ROWS = new CuratedRows(WAREHOUSE);

    @TempDir
    static Path lakes;

    /** Every event (the lake's truth), before, inside and after the range [11:00, 12:00). */
    private static final List<ClickEvent> ALL = List.of(
            // 1: a change in the range that the target only saw after it (12:10).
            event("a1", "10:00", 1, 45, "100", "mobile"),
            event("a2", "11:10", 1, 45, "110", "desktop"),
            event("a3", "11:20", 1, 46, "50", "desktop"),
            event("a4", "12:10", 1, 45, "120", "desktop"),
            // 2: a change in the range, undone after it: the target's one version is split at 12:30.
            event("b1", "10:00", 2, 46, "51", "mobile"),
            event("b2", "11:30", 2, 46, "52", "desktop"),
            event("b3", "12:30", 2, 46, "53", "mobile"),
            event("b4", "12:40", 2, 46, "53", "mobile"),
            // 3: a user first seen in the range.
            event("c1", "11:05", 3, 47, "7", "tablet"),
            // 4: no change in the range: its facts belong to the version before it.
            event("d1", "10:00", 4, 45, "100", "mobile"),
            event("d2", "11:15", 4, 45, "100", "mobile"),
            event("d3", "12:15", 4, 45, "100", "mobile"),
            // 5: the target saw another event in the range (x5, below), the lake does not have it.
            event("e1", "10:00", 5, 48, "9", "mobile"),
            event("e2", "12:45", 5, 48, "9", "mobile"),
            // 6: only after the range: untouched.
            event("f1", "12:05", 6, 48, "9", "desktop"),
            event("f2", "12:50", 6, 48, "8", "mobile"));

    /** What the target's run saw: none of the range's events, and one the lake does not have. */
    private static final List<ClickEvent> TARGET_SAW = new ArrayList<>(ALL.stream()
            .filter(event -> !RANGE.contains(event.eventTime())).toList());

    static {
        TARGET_SAW.add(event("x5", "11:40", 5, 48, "999", "tv"));
    }

    @BeforeAll
    static void runs() throws Exception {
        run("wrb_full", ALL, EventTimeRange.ALL);
    }

    @Test
    void aTargetThatMissedTheRangeEqualsOneRunOverAllEventsAfterThePublish() throws Exception {
        run("wrb_target", TARGET_SAW, EventTimeRange.ALL);
        assertThat(dimUser("wrb_target")).as("the target differs before the backfill")
                .isNotEqualTo(dimUser("wrb_full"));
        StagingSchema staging = StagingSchema.random();
        run(staging.name(), ALL, RANGE);
        List<String> targetBefore = dimUser("wrb_target");
        List<String> factsBefore = facts("wrb_target");

        // By default the publish refuses, rolled back, to change what a live job holds in its state.
        assertThatThrownBy(() -> publish(staging, "wrb_target", false))
                .isInstanceOf(BackfillCheck.Failed.class)
                .hasMessageStartingWith("The backfill would change 4 users' current dim_user version (e.g. user 1: from "
                        + "2025-01-10T12:10:00Z [desktop, KR] -> from 2025-01-10T11:10:00Z [desktop, KR]) and 1"
                        + " dim_product rows (e.g. product 47); nothing of the range was published (staging schema "
                        + staging.name() + " kept")
                .hasMessageContaining("warehouse.backfill.rewrite-live-state=true");
        assertThat(dimUser("wrb_target")).isEqualTo(targetBefore);
        assertThat(facts("wrb_target")).isEqualTo(factsBefore);

        PublishResult published = publish(staging, "wrb_target", true);

        assertThat(dimUser("wrb_target")).containsExactlyElementsOf(dimUser("wrb_full"));
        assertThat(facts("wrb_target")).containsExactlyElementsOf(facts("wrb_full"));
        assertThat(dimProduct("wrb_target")).containsExactlyElementsOf(dimProduct("wrb_full"));
        // Facts: x5 deleted; the range's 5 inserted; a4, b3, b4 and e2 (after the range) get another version's key.
        assertThat(published.table("fact_user_events"))
                .isEqualTo(new PublishResult.TablePublish("fact_user_events", 1, 5 + 4, 4));
        // Versions: user 1's from 12:10 and user 5's tv and 12:45 deleted; written: user 1's 10:00 (closed earlier) and
        // 11:10, user 2's 10:00 (closed), 11:30 and 12:30 (split off), user 3's, user 5's 10:00 (current again).
        assertThat(published.table("dim_user")).isEqualTo(new PublishResult.TablePublish("dim_user", 3, 7, 4));
        assertThat(factKeys("wrb_target")).contains(factKey("a4", 1, "11:10"), factKey("b3", 2, "12:30"),
                factKey("d2", 4, "10:00"), factKey("d3", 4, "10:00"), factKey("e2", 5, "10:00"));
    }

    @Test
    void aSecondBackfillOfTheSameRangeChangesNoRow() throws Exception {
        run("wrb_again", ALL, EventTimeRange.ALL);
        List<String> before = dimUser("wrb_again");
        StagingSchema staging = StagingSchema.random();
        run(staging.name(), ALL, RANGE);

        PublishResult published = publish(staging, "wrb_again", false);

        assertThat(dimUser("wrb_again")).containsExactlyElementsOf(before);
        assertThat(facts("wrb_again")).containsExactlyElementsOf(facts("wrb_full"));
        assertThat(dimProduct("wrb_again")).containsExactlyElementsOf(dimProduct("wrb_full"));
        assertThat(published.table("dim_user")).isEqualTo(new PublishResult.TablePublish("dim_user", 0, 0, 0));
        assertThat(published.table("dim_product")).isEqualTo(new PublishResult.TablePublish("dim_product", 0, 0, 0));
        assertThat(published.table("fact_user_events"))
                .isEqualTo(new PublishResult.TablePublish("fact_user_events", 5, 5, 0));
    }

    @Test
    void afterThePublishTheLakeCopiesEqualTheTarget() throws Exception {
        CatalogLoader lake = lakeCatalog("copied");
        run("wrb_lake", TARGET_SAW, EventTimeRange.ALL, lake);
        assertLakeEqualsTarget(lake, "wrb_lake");
        StagingSchema staging = StagingSchema.random();
        run(staging.name(), ALL, RANGE);
        publish(staging, "wrb_lake", true);

        List<PublishResult.TablePublish> copied = copy(lake, "wrb_lake");

        assertLakeEqualsTarget(lake, "wrb_lake");
        assertThat(ROWS.lake(lake, "fact_user_events")).hasSize(ALL.size());
        // The publish's changes (above): dim_user 3 versions deleted and 7 written; dim_product: 47 is new (45, 46
        // and 48 keep the values of their events after the range); facts: x5 deleted, the range's 5 written and the 7
        // outside it whose version the copy wrote (a1, a4, b1, b3, b4, e1, e2; d1 and d3 keep theirs, f1 and f2 too).
        assertThat(copied).containsExactly(
                new PublishResult.TablePublish("curated.dim_user", 3, 7, 0),
                new PublishResult.TablePublish("curated.dim_product", 0, 1, 0),
                new PublishResult.TablePublish("curated.fact_user_events", 1, 12, 7));

        // Again: the dimensions are equal already; the range's facts are rewritten.
        assertThat(copy(lake, "wrb_lake")).containsExactly(
                new PublishResult.TablePublish("curated.dim_user", 0, 0, 0),
                new PublishResult.TablePublish("curated.dim_product", 0, 0, 0),
                new PublishResult.TablePublish("curated.fact_user_events", 5, 5, 0));
        assertLakeEqualsTarget(lake, "wrb_lake");
    }

    @Test
    void aCopyIntoAnEmptyLakeCopiesTheUsersAndProductsOfTheRangeAndACopyOfEverythingTheWholeWarehouse()
            throws Exception {
        CatalogLoader lake = lakeCatalog("empty");

        List<PublishResult.TablePublish> copied = copy(lake, "wrb_full", RANGE);

        // Users 1 to 4 have events in the range: their 7 versions, and all their 12 facts (every version is new to
        // the lake, so the 7 facts outside the range are copied with the range's 5); products 45, 46, 47.
        assertThat(copied).containsExactly(
                new PublishResult.TablePublish("curated.dim_user", 0, 7, 0),
                new PublishResult.TablePublish("curated.dim_product", 0, 3, 0),
                new PublishResult.TablePublish("curated.fact_user_events", 0, 12, 7));
        for (String table : ROWS.tables()) {
            assertThat(ROWS.postgres("wrb_full", table)).as(table).containsAll(ROWS.lake(lake, table));
        }

        assertThat(copy(lake, "wrb_full", EventTimeRange.ALL)).containsExactly(
                new PublishResult.TablePublish("curated.dim_user", 0, 3, 0),
                new PublishResult.TablePublish("curated.dim_product", 0, 1, 0),
                new PublishResult.TablePublish("curated.fact_user_events", 12, ALL.size(), 0));
        assertLakeEqualsTarget(lake, "wrb_full");
    }

    private static List<PublishResult.TablePublish> copy(CatalogLoader lake, String target) throws Exception {
        return copy(lake, target, RANGE);
    }

    private static List<PublishResult.TablePublish> copy(CatalogLoader lake, String target, EventTimeRange range)
            throws Exception {
        return new WarehouseLakeCopy(lake, WAREHOUSE).copy(TestPostgres.connection(), target, range);
    }

    private static CatalogLoader lakeCatalog(String name) {
        return CatalogLoader.hadoop("test", new org.apache.hadoop.conf.Configuration(),
                Map.of("warehouse", lakes.resolve(name).toUri().toString()));
    }

    private static void assertLakeEqualsTarget(CatalogLoader lake, String schema) throws Exception {
        for (String table : ROWS.tables()) {
            assertThat(ROWS.lake(lake, table)).as("curated." + table + " and " + schema + "." + table)
                    .containsExactlyInAnyOrderElementsOf(ROWS.postgres(schema, table));
        }
    }

    private static PublishResult publish(StagingSchema staging, String target, boolean rewriteLiveState)
            throws Exception {
        return new MartRangePublisher(TestPostgres.connection(), WarehouseTables.of(WAREHOUSE), null,
                List.of(new WarehouseRangeMerge(WAREHOUSE.trackedAttributes(), rewriteLiveState)))
                .publish(staging, target, RANGE);
    }

    /** The clickstream job with the warehouse, in BATCH, over {@code events} in {@code range}, into {@code schema}. */
    private static void run(String schema, List<ClickEvent> events, EventTimeRange range) throws Exception {
        run(schema, events, range, null);
    }

    /** As {@link #run(String, List, EventTimeRange)}, also writing the lake copies into {@code lake} (the live job). */
    private static void run(String schema, List<ClickEvent> events, EventTimeRange range, CatalogLoader lake)
            throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        MartTable.ensureAll(TestPostgres.connection(), schema, WarehouseTables.of(WAREHOUSE));
        RejectedDailyMart.TABLE.ensure(TestPostgres.connection(), schema);
        Warehouse warehouse = new Warehouse(WAREHOUSE);
        if (lake != null) {
            LakeTables.ensure(lake.loadCatalog(), WarehouseLakeSinks.definitions(WAREHOUSE));
            warehouse = warehouse.withLake(new WarehouseLakeSinks(lake, WAREHOUSE));
        }
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        LakehouseJobs.configureBackfill(env);
        List<byte[]> lines = events.stream().map(e -> ENCODER.encode(e).getBytes(StandardCharsets.UTF_8)).toList();
        new ClickstreamJob(SETTINGS, RawRecordsSource.of("app-log", lines, at("13:00").toEpochMilli()),
                SinkBinding.of(new DiscardingSink<>()), SinkBinding.of(new DiscardingSink<>()),
                new JdbcMartSinks(TestPostgres.connection(), schema, Duration.ofMillis(200)), MartsJobRun.noMarts())
                .withEventTimeRange(range)
                .withWarehouse(warehouse)
                .addTo(env);
        env.executeAsync("warehouse-range-" + schema).getJobExecutionResult().get(2, TimeUnit.MINUTES);
    }

    private static List<String> dimUser(String schema) throws Exception {
        return query("SELECT user_key, user_id, device, country, valid_from, valid_to, is_current FROM " + schema
                + ".dim_user ORDER BY user_id, valid_from", 7);
    }

    private static List<String> facts(String schema) throws Exception {
        return query("SELECT event_id, user_key, product_key, quantity, revenue FROM " + schema
                + ".fact_user_events ORDER BY event_id", 5);
    }

    private static List<String> dimProduct(String schema) throws Exception {
        return query("SELECT product_key, product_id, category, brand, latest_price, first_seen, last_seen FROM "
                + schema + ".dim_product ORDER BY product_id", 7);
    }

    private static List<String> query(String sql, int columns) throws Exception {
        return TestPostgres.rowsAsText(sql, columns);
    }

    private static List<String> factKeys(String schema) throws Exception {
        return query("SELECT event_id, user_key FROM " + schema + ".fact_user_events ORDER BY event_id", 2);
    }

    private static String factKey(String id, long user, String versionFrom) {
        return id + " " + SurrogateKeys.userKey(user, at(versionFrom).toEpochMilli());
    }

    private static ClickEvent event(String id, String time, long user, long product, String price, String device) {
        return new ClickEvent(at(time), EventType.VIEW, product, 0, "phones", "acme", new BigDecimal(price), user,
                "s-" + user, id, device, "KR", null, null, null, null);
    }

    private static Instant at(String time) {
        return Instant.parse("2025-01-10T" + time + ":00Z");
    }
}

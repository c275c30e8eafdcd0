package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.FROM_LAST_HOUR_OF_OCTOBER;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.OCTOBER;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.STAGING;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.TARGET;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.markers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MartRangePublisher} against a real PostgreSQL whose sessions run in a non-UTC time zone: exactly the
 * rows whose whole period lies inside the range are replaced, all tables at once or none.
 */
class MartRangePublisherTest {

    private static TimeZone jvmZone;

    private String target;
    private StagingSchema staging;
    private MartRangePublisher publisher;

    @BeforeAll
    static void runSessionsOutsideUtc() throws SQLException {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(MartRangeFixture.NON_UTC_ZONE));
        assertThat(MartRangeFixture.sessionTimeZone()).isEqualTo(MartRangeFixture.NON_UTC_ZONE);
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(jvmZone);
    }

    @BeforeEach
    void fillTargetAndStaging() throws SQLException {
        target = MartRangeFixture.freshSchema("target");
        MartRangeFixture.createMarts(target);
        MartRangeFixture.insertSide(target, 'T', TARGET);
        staging = StagingSchema.random();
        staging.create(TestPostgres.connection(), MartRangeFixture.TABLES);
        MartRangeFixture.insertSide(staging.name(), 'S', STAGING);
        publisher = new MartRangePublisher(TestPostgres.connection(), MartRangeFixture.TABLES);
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        MartRangeFixture.execute("DROP SCHEMA " + target + " CASCADE");
        staging.drop(TestPostgres.connection());
    }

    @Test
    void replacesExactlyTheRowsWhosePeriodLiesInsideACalendarAlignedRange() throws SQLException {
        PublishResult result = publisher.publish(staging, target, OCTOBER);

        assertThat(markers(target, "traffic_hourly")).isEqualTo(ordered(
                "2019-09-29 23", TARGET, "2019-09-30 0", STAGING, "2019-10-16 3", STAGING,
                "2019-10-31 23", STAGING, "2019-11-01 0", TARGET));
        assertThat(markers(target, "traffic_daily")).isEqualTo(ordered(
                "2019-09-29", TARGET, "2019-09-30", STAGING));
        assertThat(markers(target, "category_daily")).isEqualTo(ordered(
                "2019-09-30 top electronics", STAGING, "2019-11-01 top electronics", TARGET));
        assertThat(markers(target, "funnel_daily")).isEqualTo(ordered(
                "2019-09-29 x b", TARGET, "2019-10-10 x b", STAGING));
        // Day 2019-10-05 had three ranks in the target and two in staging: rank 3 is gone.
        assertThat(markers(target, "popular_products_daily")).isEqualTo(ordered(
                "2019-10-05 1", STAGING, "2019-10-05 2", STAGING, "2019-11-01 1", TARGET));
        // Weeks and months straddling a bound stay; the week ending exactly at the start stays.
        assertThat(markers(target, "active_users")).isEqualTo(ordered(
                "day 2019-09-30", STAGING, "month 2019-09-01", TARGET, "month 2019-10-01", STAGING,
                "week 2019-09-23", TARGET, "week 2019-09-30", STAGING, "week 2019-10-28", TARGET));
        assertThat(markers(target, "trending_products")).isEqualTo(ordered(
                "2019-09-30 00:03:00+00 1", TARGET, "2019-09-30 00:05:00+00 1", STAGING,
                "2019-11-01 00:00:00+00 1", STAGING));
        assertThat(markers(target, "sessions")).isEqualTo(ordered(
                "at-end", STAGING, "conflict", STAGING, "inside", STAGING, "late", TARGET, "near-end", TARGET,
                "near-start", TARGET));
        // September straddles the start and stays; October is inside; November lies after the range.
        assertThat(markers(target, "funnel_monthly")).isEqualTo(ordered(
                "2019-09-01 x b", TARGET, "2019-10-01 x b", STAGING));

        assertThat(result.tables()).containsExactly(
                new PublishResult.TablePublish("traffic_hourly", 3, 3, 0),
                new PublishResult.TablePublish("traffic_daily", 2, 1, 0),
                new PublishResult.TablePublish("active_users", 3, 3, 0),
                new PublishResult.TablePublish("category_daily", 2, 1, 0),
                new PublishResult.TablePublish("sessions", 2, 3, 1),
                new PublishResult.TablePublish("funnel_daily", 1, 1, 0),
                new PublishResult.TablePublish("popular_products_daily", 3, 2, 0),
                new PublishResult.TablePublish("trending_products", 3, 2, 0),
                new PublishResult.TablePublish("trending_favorites", 0, 0, 0),
                new PublishResult.TablePublish("search_volume_hourly", 0, 0, 0),
                new PublishResult.TablePublish("top_search_queries_daily", 0, 0, 0),
                new PublishResult.TablePublish("device_daily", 0, 0, 0),
                new PublishResult.TablePublish("funnel_monthly", 1, 1, 0));
        assertThat(result.stagingDropped()).isTrue();
        assertThat(MartRangeFixture.schemaExists(staging.name())).isFalse();
        assertThat(result.render()).contains("sessions", "1 replaced a row lying outside the range",
                "staging schema " + staging.name() + " dropped");
    }

    @Test
    void aHalfBoundedRangeOwnsEverythingFromItsStart() throws SQLException {
        PublishResult result = publisher.publish(staging, target, FROM_LAST_HOUR_OF_OCTOBER);

        assertThat(markers(target, "traffic_hourly")).isEqualTo(ordered(
                "2019-09-29 23", TARGET, "2019-09-30 0", TARGET, "2019-10-15 12", TARGET,
                "2019-10-31 23", STAGING, "2019-11-01 0", STAGING));
        assertThat(markers(target, "traffic_daily")).isEqualTo(ordered(
                "2019-09-29", TARGET, "2019-09-30", TARGET, "2019-10-31", TARGET, "2019-11-01", STAGING));
        assertThat(markers(target, "category_daily")).isEqualTo(ordered(
                "2019-09-30 full ", TARGET, "2019-09-30 top electronics", TARGET));
        assertThat(markers(target, "funnel_daily")).isEqualTo(ordered(
                "2019-09-29 x b", TARGET, "2019-10-10 x b", TARGET));
        assertThat(markers(target, "popular_products_daily")).isEqualTo(ordered(
                "2019-10-05 1", TARGET, "2019-10-05 2", TARGET, "2019-10-05 3", TARGET, "2019-11-01 1", STAGING));
        assertThat(markers(target, "active_users")).isEqualTo(ordered(
                "day 2019-09-30", TARGET, "day 2019-11-01", STAGING, "month 2019-09-01", TARGET,
                "month 2019-10-01", TARGET, "week 2019-09-23", TARGET, "week 2019-09-30", TARGET,
                "week 2019-10-28", TARGET));
        assertThat(markers(target, "trending_products")).isEqualTo(ordered(
                "2019-09-30 00:03:00+00 1", TARGET, "2019-09-30 00:05:00+00 1", TARGET,
                "2019-11-01 00:00:00+00 1", STAGING, "2019-11-01 00:02:00+00 1", STAGING));
        assertThat(markers(target, "sessions")).isEqualTo(ordered(
                "at-start", TARGET, "conflict", TARGET, "inside", TARGET, "late", STAGING, "near-end", TARGET,
                "near-start", TARGET));
        assertThat(markers(target, "funnel_monthly")).isEqualTo(ordered(
                "2019-09-01 x b", TARGET, "2019-10-01 x b", TARGET, "2019-11-01 x b", STAGING));

        assertThat(result.tables()).containsExactly(
                new PublishResult.TablePublish("traffic_hourly", 2, 2, 0),
                new PublishResult.TablePublish("traffic_daily", 0, 1, 0),
                new PublishResult.TablePublish("active_users", 0, 1, 0),
                new PublishResult.TablePublish("category_daily", 1, 0, 0),
                new PublishResult.TablePublish("sessions", 1, 1, 0),
                new PublishResult.TablePublish("funnel_daily", 0, 0, 0),
                new PublishResult.TablePublish("popular_products_daily", 1, 1, 0),
                new PublishResult.TablePublish("trending_products", 2, 2, 0),
                new PublishResult.TablePublish("trending_favorites", 0, 0, 0),
                new PublishResult.TablePublish("search_volume_hourly", 0, 0, 0),
                new PublishResult.TablePublish("top_search_queries_daily", 0, 0, 0),
                new PublishResult.TablePublish("device_daily", 0, 0, 0),
                new PublishResult.TablePublish("funnel_monthly", 0, 1, 0));
    }

    @Test
    void anUnboundedRangeMakesTheTargetEqualToStaging() throws SQLException {
        Map<String, Map<String, Long>> stagingRows = new LinkedHashMap<>();
        Map<String, Integer> targetCounts = new LinkedHashMap<>();
        for (String table : MartRangeFixture.tables()) {
            stagingRows.put(table, markers(staging.name(), table));
            targetCounts.put(table, markers(target, table).size());
        }

        PublishResult result = publisher.publish(staging, target, EventTimeRange.ALL);

        for (String table : MartRangeFixture.tables()) {
            assertThat(markers(target, table)).as(table).isEqualTo(stagingRows.get(table));
            assertThat(result.table(table)).isEqualTo(new PublishResult.TablePublish(table,
                    targetCounts.get(table), stagingRows.get(table).size(), 0));
        }
    }

    @Test
    void leavesPipelineFreshnessAlone() throws SQLException {
        String freshness = "INSERT INTO %s.pipeline_freshness (mart, late_events, input_finished) VALUES ('%s', %d, true)";
        MartRangeFixture.execute(String.format(freshness, target, "traffic_hourly", 5));
        MartRangeFixture.execute(String.format(freshness, staging.name(), "traffic_hourly", 9));

        PublishResult result = publisher.publish(staging, target, EventTimeRange.ALL);

        assertThat(result.tables()).extracting(PublishResult.TablePublish::table).doesNotContain("pipeline_freshness");
        try (var jdbc = TestPostgres.open(); var statement = jdbc.createStatement();
                var rows = statement.executeQuery("SELECT mart, late_events FROM " + target + ".pipeline_freshness")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("traffic_hourly");
            assertThat(rows.getLong(2)).isEqualTo(5);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aFailureInTheLastTableLeavesEveryTableOfTheTargetAsItWas() throws SQLException {
        Map<String, Map<String, Long>> before = new LinkedHashMap<>();
        for (String table : MartRangeFixture.tables()) {
            before.put(table, markers(target, table));
        }
        List<String> tables = MartRangeFixture.tables();
        MartRangeFixture.execute("DROP TABLE " + staging.name() + "." + tables.get(tables.size() - 1));

        assertThatThrownBy(() -> publisher.publish(staging, target, OCTOBER))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining(staging.name() + "." + tables.get(tables.size() - 1));

        for (String table : tables) {
            assertThat(markers(target, table)).as(table).isEqualTo(before.get(table));
        }
        // Kept for a retry or a look.
        assertThat(MartRangeFixture.schemaExists(staging.name())).isTrue();
    }

    @Test
    void refusesToPublishASchemaIntoItselfAndSchemaNamesThatAreNotIdentifiers() {
        assertThatThrownBy(() -> publisher.publish(staging, staging.name(), OCTOBER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> publisher.publish(staging, "marts; DROP SCHEMA marts", OCTOBER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StagingSchema("marts")).isInstanceOf(IllegalArgumentException.class);
    }

    /** A map in the order of its arguments: key, value, key, value... */
    private static Map<String, Long> ordered(Object... keysAndValues) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
        }
        return map;
    }
}

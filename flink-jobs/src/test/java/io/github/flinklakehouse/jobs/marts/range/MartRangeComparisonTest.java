package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.OCTOBER;
import static io.github.flinklakehouse.jobs.marts.range.MartRangeFixture.TARGET;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MartRangeComparison} against a real PostgreSQL (sessions in a non-UTC time zone): zero differences on
 * identical marts whatever their {@code updated_at}, and exactly the rows corrupted inside the range.
 */
class MartRangeComparisonTest {

    private static TimeZone jvmZone;

    private String target;
    private String staging;
    private MartRangeComparison comparison;

    @BeforeAll
    static void runSessionsOutsideUtc() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(MartRangeFixture.NON_UTC_ZONE));
    }

    @AfterAll
    static void restoreZone() {
        TimeZone.setDefault(jvmZone);
    }

    /** Target: the fixture's target rows; staging: a copy of them written a day later. */
    @BeforeEach
    void identicalMarts() throws SQLException {
        target = MartRangeFixture.freshSchema("target");
        staging = MartRangeFixture.freshSchema("recomputed");
        MartRangeFixture.createMarts(target);
        MartRangeFixture.createMarts(staging);
        MartRangeFixture.insertSide(target, 'T', TARGET);
        for (String table : MartRangeFixture.tables()) {
            MartRangeFixture.execute("INSERT INTO " + staging + "." + table + " SELECT * FROM " + target + "." + table);
            MartRangeFixture.execute("UPDATE " + staging + "." + table + " SET updated_at = updated_at + interval '1 day'");
        }
        comparison = new MartRangeComparison(TestPostgres.connection(), 2, MartRangeFixture.TABLES);
    }

    @AfterEach
    void dropSchemas() throws SQLException {
        MartRangeFixture.execute("DROP SCHEMA " + target + " CASCADE");
        MartRangeFixture.execute("DROP SCHEMA " + staging + " CASCADE");
    }

    @Test
    void identicalMartsHaveNoDriftWhateverTheirUpdateTimes() throws SQLException {
        for (EventTimeRange range : new EventTimeRange[] {OCTOBER, EventTimeRange.ALL}) {
            ParityReport report = comparison.compare(target, staging, range);

            assertThat(report.hasDrift()).as(report.render()).isFalse();
            assertThat(report.tables()).extracting(TableParity::table)
                    .containsExactlyElementsOf(MartRangeFixture.tables());
            assertThat(report.render()).contains("no drift");
        }
    }

    @Test
    void reportsExactlyTheCorruptedRowsInsideTheRange() throws SQLException {
        // A changed value (two columns).
        MartRangeFixture.execute("UPDATE " + target + ".traffic_hourly SET events = 5, revenue = 99.99"
                + " WHERE event_date = '2019-10-15' AND hour = 12");
        // A value that became NULL.
        MartRangeFixture.execute("UPDATE " + target + ".funnel_daily SET view_to_cart = NULL"
                + " WHERE event_date = '2019-10-10'");
        // A deleted row.
        MartRangeFixture.execute("DELETE FROM " + target + ".sessions WHERE user_session = 'inside'");
        // An extra row.
        MartRangeFixture.execute("INSERT INTO " + target + ".active_users (period, period_start, active_users)"
                + " VALUES ('day', '2019-10-20', 7)");
        // Three changed rows of one table: all counted, two listed.
        MartRangeFixture.execute("UPDATE " + target + ".popular_products_daily SET views = views + rank"
                + " WHERE event_date = '2019-10-05'");
        // Outside the range: not reported for it.
        MartRangeFixture.execute("UPDATE " + target + ".traffic_daily SET events = 42 WHERE event_date = '2019-09-29'");
        MartRangeFixture.execute("UPDATE " + target + ".sessions SET events = 42 WHERE user_session = 'late'");

        ParityReport report = comparison.compare(target, staging, OCTOBER);

        assertThat(counts(report)).isEqualTo(Map.ofEntries(
                Map.entry("traffic_hourly", List.of(0L, 0L, 1L)), Map.entry("traffic_daily", List.of(0L, 0L, 0L)),
                Map.entry("active_users", List.of(0L, 1L, 0L)), Map.entry("category_daily", List.of(0L, 0L, 0L)),
                Map.entry("sessions", List.of(1L, 0L, 0L)), Map.entry("funnel_daily", List.of(0L, 0L, 1L)),
                Map.entry("popular_products_daily", List.of(0L, 0L, 3L)),
                Map.entry("trending_products", List.of(0L, 0L, 0L)), Map.entry("trending_favorites", List.of(0L, 0L, 0L)),
                Map.entry("search_volume_hourly", List.of(0L, 0L, 0L)),
                Map.entry("top_search_queries_daily", List.of(0L, 0L, 0L)), Map.entry("device_daily", List.of(0L, 0L, 0L)),
                Map.entry("funnel_monthly", List.of(0L, 0L, 0L))));
        assertThat(report.differingRows()).isEqualTo(7);
        assertThat(report.table("traffic_hourly").listed()).containsExactly(new RowDifference(
                RowDifference.Kind.DIFFERENT, Map.of("event_date", LocalDate.of(2019, 10, 15), "hour", 12),
                Map.of("events", 5L, "revenue", new BigDecimal("99.99")),
                Map.of("events", 1L, "revenue", new BigDecimal("12.34"))));
        Map<String, Object> nullTarget = new HashMap<>();
        nullTarget.put("view_to_cart", null);
        assertThat(report.table("funnel_daily").listed()).containsExactly(new RowDifference(
                RowDifference.Kind.DIFFERENT,
                Map.of("event_date", LocalDate.of(2019, 10, 10), "category_code", "x", "brand", "b"),
                nullTarget, Map.of("view_to_cart", new BigDecimal("0.5000"))));
        assertThat(report.table("active_users").listed()).containsExactly(new RowDifference(
                RowDifference.Kind.UNEXPECTED_IN_TARGET,
                Map.of("period", "day", "period_start", LocalDate.of(2019, 10, 20)), Map.of("active_users", 7L),
                Map.of()));
        RowDifference missingSession = report.table("sessions").listed().get(0);
        assertThat(missingSession.kind()).isEqualTo(RowDifference.Kind.MISSING_IN_TARGET);
        assertThat(missingSession.key()).isEqualTo(Map.of("user_session", "inside"));
        assertThat(missingSession.target()).isEmpty();
        assertThat(missingSession.staging()).containsEntry("first_event_time", Instant.parse("2019-10-10T10:00:00Z"))
                .containsEntry("last_event_time", Instant.parse("2019-10-10T11:00:00Z"))
                .containsEntry("revenue", new BigDecimal("0.00")).containsEntry("converted", false)
                .hasSize(11);
        assertThat(report.table("popular_products_daily").listed()).extracting(RowDifference::key).containsExactly(
                Map.of("event_date", LocalDate.of(2019, 10, 5), "rank", 1),
                Map.of("event_date", LocalDate.of(2019, 10, 5), "rank", 2));
        assertThat(report.render()).contains(
                "different            event_date=2019-10-15, hour=12: events target=5 staging=1,"
                        + " revenue target=99.99 staging=12.34",
                "missing in target    user_session=inside: user_id=1,",
                "unexpected in target period=day, period_start=2019-10-20: active_users=7",
                "... and 1 more");

        ParityReport everything = comparison.compare(target, staging, EventTimeRange.ALL);
        assertThat(everything.table("traffic_daily").different()).isEqualTo(1);
        assertThat(everything.table("sessions").different()).isEqualTo(1);
        assertThat(everything.differingRows()).isEqualTo(9);
    }

    /** Per table: missing in target, unexpected in target, different. */
    private static Map<String, List<Long>> counts(ParityReport report) {
        Map<String, List<Long>> counts = new HashMap<>();
        for (TableParity table : report.tables()) {
            counts.put(table.table(), List.of(table.missingInTarget(), table.unexpectedInTarget(),
                    table.different()));
        }
        return counts;
    }
}

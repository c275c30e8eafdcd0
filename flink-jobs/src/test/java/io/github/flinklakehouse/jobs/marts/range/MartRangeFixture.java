package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.TrendingSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Hand-written mart rows around the range [2019-09-30T00:00Z, 2019-11-01T00:00Z) for every table with a period:
 * rows inside, straddling and outside it, in a target schema (marker value 1) and a staging schema (marker 2).
 *
 * <p>Each row is identified by its primary key as text ({@code concat_ws(' ', key...)} in UTC) and carries its
 * side in a marker column, so a test reads back which version of each key a schema holds.
 */
final class MartRangeFixture {

    /** The calendar-aligned range most tests use: Monday 2019-09-30 to the end of October. */
    static final EventTimeRange OCTOBER = new EventTimeRange(Instant.parse("2019-09-30T00:00:00Z"),
            Instant.parse("2019-11-01T00:00:00Z"));
    /** A half-bounded range starting at the last hour of October. */
    static final EventTimeRange FROM_LAST_HOUR_OF_OCTOBER = new EventTimeRange(Instant.parse("2019-10-31T23:00:00Z"), null);
    static final Duration SESSION_TIMEOUT = Duration.ofMinutes(30);
    private static final TrendingSettings TRENDING = new TrendingSettings(10, Duration.ofMinutes(5), Duration.ofMinutes(1));
    /** The clickstream pipeline's mart tables (the sessions' period padded by {@link #SESSION_TIMEOUT}). */
    static final List<MartTable<?>> TABLES = ClickstreamMarts.tables(ClickstreamSettings.defaults()
            .withMarts(new ClickstreamMartSettings(20, TRENDING, TRENDING, 10, SESSION_TIMEOUT)));

    static final long TARGET = 1;
    static final long STAGING = 2;

    /** A time zone with a half-hour offset: a date read in the session's zone would shift every period. */
    static final String NON_UTC_ZONE = "America/St_Johns";

    /** Per table: the INSERT (schema, leading key/period values, marker) and the marker column. */
    private static final Map<String, String[]> SHAPES = Map.ofEntries(
            Map.entry("traffic_hourly",
                    new String[] {"(event_date, hour, events, views, carts, purchases, unique_users,"
                    + " unique_sessions, unique_products, revenue) VALUES (%s, %d, 1, 0, 0, 1, 1, 1, 12.34)", "events"}),
            Map.entry("traffic_daily",
                    new String[] {"(event_date, events, views, carts, purchases, unique_users, unique_sessions,"
                    + " unique_products, revenue, peak_hour, peak_hour_events) VALUES (%s, %d, 1, 0, 0, 1, 1, 1, 0.00, 5, 1)",
                    "events"}),
            Map.entry("category_daily",
                    new String[] {"(event_date, level, category, events, unique_sessions, unique_users)"
                    + " VALUES (%s, %d, 1, 1)", "events"}),
            Map.entry("funnel_daily",
                    new String[] {"(event_date, category_code, brand, sessions_viewed, sessions_carted,"
                    + " sessions_purchased, viewed_and_carted, carted_and_purchased, viewed_and_purchased, view_to_cart,"
                    + " cart_to_purchase, view_to_purchase) VALUES (%s, %d, 1, 0, 1, 0, 0, 0.5000, NULL, NULL)",
                    "sessions_viewed"}),
            Map.entry("popular_products_daily",
                    new String[] {"(event_date, rank, views, product_id, unique_sessions, carts,"
                    + " purchases) VALUES (%s, %d, 1000, 1, 0, 0)", "views"}),
            Map.entry("active_users",
                    new String[] {"(period, period_start, active_users) VALUES (%s, %d)", "active_users"}),
            Map.entry("trending_products", new String[] {"(window_end, rank, window_start, carts, product_id)"
                    + " VALUES (%s, %d, 77)", "carts"}),
            Map.entry("sessions", new String[] {"(user_session, first_event_time, last_event_time, events, user_id,"
                    + " duration_seconds, unique_products, views, carts, purchases, revenue, converted)"
                    + " VALUES (%s, %d, 1, 3600, 1, 1, 0, 0, 0.00, false)", "events"}),
            Map.entry("trending_favorites", new String[] {"(window_end, rank, window_start, favorites, product_id)"
                    + " VALUES (%s, %d, 77)", "favorites"}),
            Map.entry("search_volume_hourly", new String[] {"(event_date, hour, region, searches, unique_users,"
                    + " unique_sessions) VALUES (%s, %d, 1, 1)", "searches"}),
            Map.entry("top_search_queries_daily", new String[] {"(event_date, region, rank, searches, query)"
                    + " VALUES (%s, %d, 'studio')", "searches"}),
            Map.entry("device_daily", new String[] {"(event_date, device, events, unique_users, unique_sessions)"
                    + " VALUES (%s, %d, 1, 1)", "events"}),
            Map.entry("funnel_monthly", new String[] {"(month, category_code, brand, sessions_viewed, sessions_carted,"
                    + " sessions_purchased, viewed_and_carted, carted_and_purchased, viewed_and_purchased, view_to_cart,"
                    + " cart_to_purchase, view_to_purchase) VALUES (%s, %d, 1, 0, 1, 0, 0, 0.5000, NULL, NULL)",
                    "sessions_viewed"}));

    /** Table, leading values (key and period columns) and the sides holding the row: T, S or TS. */
    record Row(String table, String values, String sides) {
    }

    static final List<Row> ROWS = List.of(
            new Row("traffic_hourly", "'2019-09-29', 23", "TS"),
            new Row("traffic_hourly", "'2019-09-30', 0", "TS"),
            new Row("traffic_hourly", "'2019-10-15', 12", "T"),
            new Row("traffic_hourly", "'2019-10-16', 3", "S"),
            new Row("traffic_hourly", "'2019-10-31', 23", "TS"),
            new Row("traffic_hourly", "'2019-11-01', 0", "TS"),
            new Row("traffic_daily", "'2019-09-29'", "TS"),
            new Row("traffic_daily", "'2019-09-30'", "TS"),
            new Row("traffic_daily", "'2019-10-31'", "T"),
            new Row("traffic_daily", "'2019-11-01'", "S"),
            new Row("category_daily", "'2019-09-30', 'top', 'electronics'", "TS"),
            new Row("category_daily", "'2019-09-30', 'full', ''", "T"),
            new Row("category_daily", "'2019-11-01', 'top', 'electronics'", "T"),
            new Row("funnel_daily", "'2019-10-10', 'x', 'b'", "TS"),
            new Row("funnel_daily", "'2019-09-29', 'x', 'b'", "T"),
            new Row("popular_products_daily", "'2019-10-05', 1", "TS"),
            new Row("popular_products_daily", "'2019-10-05', 2", "TS"),
            new Row("popular_products_daily", "'2019-10-05', 3", "T"),
            new Row("popular_products_daily", "'2019-11-01', 1", "TS"),
            new Row("active_users", "'day', '2019-09-30'", "TS"),
            new Row("active_users", "'day', '2019-11-01'", "S"),
            new Row("active_users", "'week', '2019-09-23'", "T"),
            new Row("active_users", "'week', '2019-09-30'", "TS"),
            new Row("active_users", "'week', '2019-10-28'", "TS"),
            new Row("active_users", "'month', '2019-09-01'", "TS"),
            new Row("active_users", "'month', '2019-10-01'", "TS"),
            new Row("trending_products", "'2019-09-30 00:03+00', 1, '2019-09-29 23:58+00'", "TS"),
            new Row("trending_products", "'2019-09-30 00:05+00', 1, '2019-09-30 00:00+00'", "TS"),
            new Row("trending_products", "'2019-11-01 00:00+00', 1, '2019-10-31 23:55+00'", "TS"),
            new Row("trending_products", "'2019-11-01 00:00+00', 2, '2019-10-31 23:55+00'", "T"),
            new Row("trending_products", "'2019-11-01 00:02+00', 1, '2019-10-31 23:57+00'", "S"),
            new Row("sessions", "'inside', '2019-10-10 10:00+00', '2019-10-10 11:00+00'", "TS"),
            // Padded by the 30 min timeout: starts 23:50 the day before the range.
            new Row("sessions", "'near-start', '2019-09-30 00:20+00', '2019-09-30 01:00+00'", "TS"),
            // Padded start exactly at the range's start.
            new Row("sessions", "'at-start', '2019-09-30 00:30+00', '2019-09-30 01:00+00'", "T"),
            // Padded end 00:10 after the range's end.
            new Row("sessions", "'near-end', '2019-10-31 22:00+00', '2019-10-31 23:40+00'", "TS"),
            // Padded end exactly at the range's end.
            new Row("sessions", "'at-end', '2019-10-31 23:00+00', '2019-10-31 23:30+00'", "S"),
            // The same session id outside the range in the target, inside in staging.
            new Row("sessions", "'conflict', '2019-10-31 23:00+00', '2019-11-01 02:00+00'", "T"),
            new Row("sessions", "'conflict', '2019-10-20 10:00+00', '2019-10-20 11:00+00'", "S"),
            new Row("sessions", "'late', '2019-11-01 01:00+00', '2019-11-01 02:00+00'", "TS"),
            // A month straddling the range's start, the month inside it, the month after it.
            new Row("funnel_monthly", "'2019-09-01', 'x', 'b'", "T"),
            new Row("funnel_monthly", "'2019-10-01', 'x', 'b'", "TS"),
            new Row("funnel_monthly", "'2019-11-01', 'x', 'b'", "S"));

    private MartRangeFixture() {
    }

    /** A fresh schema name for one test. */
    static String freshSchema(String prefix) {
        return prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    }

    /** Creates every mart table in {@code schema}. */
    static void createMarts(String schema) throws SQLException {
        for (MartTable<?> table : TABLES) {
            table.ensure(TestPostgres.connection(), schema);
        }
    }

    /** Inserts the rows of side {@code side} ('T' or 'S') into {@code schema} with marker {@code marker}. */
    static void insertSide(String schema, char side, long marker) throws SQLException {
        try (Connection jdbc = TestPostgres.open(); Statement statement = jdbc.createStatement()) {
            for (Row row : ROWS) {
                if (row.sides().indexOf(side) >= 0) {
                    statement.execute("INSERT INTO " + schema + "." + row.table() + " "
                            + String.format(SHAPES.get(row.table())[0], row.values(), marker));
                }
            }
        }
    }

    /** Key text to marker of every row of {@code table} in {@code schema}. */
    static Map<String, Long> markers(String schema, String table) throws SQLException {
        MartTable<?> mart = TABLES.stream().filter(t -> t.name().equals(table)).findFirst()
                .orElseThrow();
        Map<String, Long> markers = new LinkedHashMap<>();
        try (Connection jdbc = TestPostgres.open(); Statement statement = jdbc.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rows = statement.executeQuery("SELECT concat_ws(' ', " + String.join(", ", mart.key())
                    + "), " + SHAPES.get(table)[1] + " FROM " + schema + "." + table + " ORDER BY 1")) {
                while (rows.next()) {
                    markers.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return markers;
    }

    /** The tables of the fixture (every mart table with a period), in mart order. */
    static List<String> tables() {
        return TABLES.stream().filter(t -> t.period() != null).map(MartTable::name).toList();
    }

    /** Runs {@code sql} as one statement. */
    static void execute(String sql) throws SQLException {
        try (Connection jdbc = TestPostgres.open(); Statement statement = jdbc.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether {@code schema} exists. */
    static boolean schemaExists(String schema) throws SQLException {
        try (Connection jdbc = TestPostgres.open(); Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'")) {
            rows.next();
            return rows.getLong(1) == 1;
        }
    }

    /** The session time zone a new connection of this JVM gets (pgjdbc sends the JVM's default zone). */
    static String sessionTimeZone() throws SQLException {
        try (Connection jdbc = TestPostgres.open(); Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery("SHOW TimeZone")) {
            rows.next();
            return rows.getString(1);
        }
    }
}

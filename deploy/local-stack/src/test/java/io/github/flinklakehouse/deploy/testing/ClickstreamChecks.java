package io.github.flinklakehouse.deploy.testing;

import io.github.flinklakehouse.catalog.CatalogSettings;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * What the clickstream system tests check on the real stack: {@code traffic_hourly} computed independently
 * from the generated events and as read from PostgreSQL (both as {@code date|hour|events|views|carts|
 * purchases|users|sessions|revenue} lines, sorted), and what a topic left in the Iceberg raw tables.
 */
public final class ClickstreamChecks {

    private ClickstreamChecks() {
    }

    /** traffic_hourly computed from the events alone, without any of the job's code. */
    public static List<String> expectedTrafficHourly(List<ClickEvent> events) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Set<Long>> users = new HashMap<>();
        Map<String, Set<String>> sessions = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        for (ClickEvent event : events) {
            ZonedDateTime time = event.eventTime().atZone(ZoneOffset.UTC);
            String hour = time.toLocalDate() + "|" + time.getHour();
            long[] c = counts.computeIfAbsent(hour, k -> new long[4]);
            c[0]++;
            c[1] += event.eventType() == EventType.VIEW ? 1 : 0;
            c[2] += event.eventType() == EventType.CART ? 1 : 0;
            c[3] += event.eventType() == EventType.PURCHASE ? 1 : 0;
            users.computeIfAbsent(hour, k -> new HashSet<>()).add(event.userId());
            sessions.computeIfAbsent(hour, k -> new HashSet<>()).add(event.userSession());
            // A purchase earns its revenue, else price × quantity (one item without a quantity).
            BigDecimal earned = event.revenue() != null ? event.revenue()
                    : event.price().multiply(BigDecimal.valueOf(event.quantity() == null ? 1 : event.quantity()));
            revenue.merge(hour, event.eventType() == EventType.PURCHASE ? earned : BigDecimal.ZERO, BigDecimal::add);
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((hour, c) -> lines.add(String.join("|", hour, Long.toString(c[0]), Long.toString(c[1]),
                Long.toString(c[2]), Long.toString(c[3]), Integer.toString(users.get(hour).size()),
                Integer.toString(sessions.get(hour).size()), revenue.get(hour).setScale(2).toPlainString())));
        lines.sort(null);
        return lines;
    }

    /** {@code <schema>.traffic_hourly} as it is in PostgreSQL; empty while the job has not created it. */
    public static List<String> trafficHourly(StackEndpoints stack, String schema) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = connection.getMetaData().getTables(null, schema, "traffic_hourly", null)) {
                if (!tables.next()) {
                    return lines;
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT event_date, hour, events, views, carts, purchases, "
                    + "unique_users, unique_sessions, revenue FROM " + schema + ".traffic_hourly")) {
                while (rows.next()) {
                    lines.add(String.join("|", rows.getDate(1).toLocalDate() + "|" + rows.getInt(2),
                            Long.toString(rows.getLong(3)), Long.toString(rows.getLong(4)), Long.toString(rows.getLong(5)),
                            Long.toString(rows.getLong(6)), Long.toString(rows.getLong(7)), Long.toString(rows.getLong(8)),
                            rows.getBigDecimal(9).setScale(2).toPlainString()));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    /** Rows of {@code raw.clickstream_events} read from {@code topic}: {@code rows} and {@code distinct} positions. */
    public static Map<String, Long> rawPositionCounts(Catalog catalog, String topic) throws Exception {
        List<String> positions = rawPositions(catalog, topic);
        return Map.of("rows", (long) positions.size(), "distinct", (long) new HashSet<>(positions).size());
    }

    /**
     * Source positions ({@code topic/partition/offset}) of the rows of {@code raw.clickstream_events} read from
     * {@code topic}, sorted, one entry per row: a position seen twice is a doubled event.
     */
    public static List<String> rawPositions(Catalog catalog, String topic) throws Exception {
        return rawRows(catalog, topic, record -> (String) record.getField("source_position"));
    }

    /** Rows of {@code raw.clickstream_events} read from {@code topic}, each as {@code line} renders it, sorted. */
    public static List<String> rawRows(Catalog catalog, String topic, java.util.function.Function<Record, String> line)
            throws Exception {
        List<String> rows = new ArrayList<>();
        forEachRecordOf(catalog, RawTables.CLICKSTREAM_EVENTS, topic, record -> rows.add(line.apply(record)));
        rows.sort(null);
        return rows;
    }

    /** Rejected records read from {@code topic} as {@code "<source_position> <reason>"} lines, sorted, one per row. */
    public static List<String> rejectedPositions(Catalog catalog, String topic) throws Exception {
        List<String> rejected = new ArrayList<>();
        forEachRecordOf(catalog, RawTables.REJECTED_EVENTS, topic,
                record -> rejected.add(record.getField("source_position") + " " + record.getField("reason")));
        rejected.sort(null);
        return rejected;
    }

    /** Rejected records read from {@code topic}, counted by reason code. */
    public static Map<String, Long> rejectedReasons(Catalog catalog, String topic) throws Exception {
        Map<String, Long> reasons = new TreeMap<>();
        forEachRecordOf(catalog, RawTables.REJECTED_EVENTS, topic,
                record -> reasons.merge((String) record.getField("reason"), 1L, Long::sum));
        return reasons;
    }

    private static void forEachRecordOf(Catalog catalog, TableIdentifier table, String topic,
            java.util.function.Consumer<Record> action) throws Exception {
        if (!catalog.tableExists(table)) {
            return;
        }
        try (CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(table)).build()) {
            for (Record record : records) {
                if (((String) record.getField("source_position")).startsWith(topic + "/")) {
                    action.accept(record);
                }
            }
        }
    }

    /**
     * The stack's Iceberg catalog, as the jobs configure it; the caller closes it (its JDBC connections and the
     * S3 client of every table it loaded).
     */
    public static JdbcCatalog catalog(StackEndpoints stack) {
        return (JdbcCatalog) new CatalogSettings("lakehouse", stack.jdbcUrl(), stack.dbUser(), stack.dbPassword(),
                stack.warehouse(), stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region(), true)
                .catalogLoader().loadCatalog();
    }

    /** Polls {@code actual} until it equals {@code expected} or {@code deadline} passes; returns the last value. */
    public static <T> T awaitEqual(ThrowingSupplier<T> actual, T expected, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        T last = actual.get();
        while (!expected.equals(last) && System.nanoTime() < end) {
            Thread.sleep(1_000);
            last = actual.get();
        }
        return last;
    }

    /** A supplier whose checks may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}

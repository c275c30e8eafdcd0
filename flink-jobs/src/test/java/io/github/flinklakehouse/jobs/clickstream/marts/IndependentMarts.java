package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.postgresql.PGConnection;

/**
 * The independent side of the mart equality tests: loads the delivered events into PostgreSQL with COPY and
 * compares each mart table with its definition in plain SQL ({@code /marts/expected/<table>.sql}, a SELECT over
 * the table {@code independent.counted_events}), none of which uses the job's code.
 */
public final class IndependentMarts {

    static final String SCHEMA = "independent";

    private IndependentMarts() {
    }

    /** Mart tables that have an independent definition: all but pipeline_freshness (checkpoints, watermarks). */
    public static Stream<MartTable<?>> comparedTables() {
        return ClickstreamMarts.tables(ClickstreamSettings.defaults()).stream().filter(table -> !table.name().equals("pipeline_freshness"));
    }

    /** (Re)creates {@code independent.events} with every delivery and the table of the events the marts count. */
    public static void load(Connection connection, List<ClickEvent> delivered) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            statement.execute("CREATE SCHEMA " + SCHEMA);
            statement.execute("CREATE TABLE " + SCHEMA + ".events (position bigint PRIMARY KEY, event_time timestamp NOT NULL,"
                    + " event_type text NOT NULL, product_id bigint NOT NULL, category_id bigint NOT NULL,"
                    + " category_code text, brand text, price numeric(12,2) NOT NULL, user_id bigint NOT NULL,"
                    + " user_session text NOT NULL, event_id text, device text, region text, search_query text,"
                    + " quantity integer, revenue numeric(18,2))");
        }
        StringBuilder csv = new StringBuilder(delivered.size() * 160);
        for (int position = 0; position < delivered.size(); position++) {
            ClickEvent e = delivered.get(position);
            csv.append(position).append(',')
                    .append(LocalDateTime.ofInstant(e.eventTime(), ZoneOffset.UTC)).append(',')
                    .append(e.eventType().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                    .append(e.productId()).append(',').append(e.categoryId()).append(',')
                    .append(nullable(e.categoryCode())).append(',').append(nullable(e.brand())).append(',')
                    .append(e.price().toPlainString()).append(',').append(e.userId()).append(',')
                    .append(e.userSession()).append(',').append(nullable(e.eventId())).append(',')
                    .append(quoted(e.device())).append(',').append(quoted(e.region())).append(',')
                    .append(quoted(e.searchQuery())).append(',')
                    .append(e.quantity() == null ? "" : e.quantity().toString()).append(',')
                    .append(e.revenue() == null ? "" : e.revenue().toPlainString()).append('\n');
        }
        connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY " + SCHEMA + ".events FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
        try (Statement statement = connection.createStatement()) {
            // A repeated event_id is one event (producer retries); rows without an id are all events.
            statement.execute("CREATE INDEX ON " + SCHEMA + ".events (event_id)");
            statement.execute("ANALYZE " + SCHEMA + ".events");
            // A table, not a view: every definition reads it, and deduplicating a million deliveries once instead of
            // in each of the ~40 queries of a comparison run saves a minute of the suite.
            statement.execute("CREATE TABLE " + SCHEMA + ".counted_events AS"
                    + " SELECT event_time, event_type, product_id, category_id, category_code, brand, price, user_id,"
                    + " user_session, device, region, search_query, quantity, revenue FROM " + SCHEMA + ".events e"
                    + " WHERE e.event_id IS NULL OR e.position = (SELECT min(position) FROM " + SCHEMA + ".events f"
                    + " WHERE f.event_id = e.event_id)");
            statement.execute("ANALYZE " + SCHEMA + ".counted_events");
        }
    }

    /** The definition of {@code table} in SQL: one SELECT returning its columns except {@code updated_at}. */
    static String expectedSql(MartTable<?> table) {
        String resource = "/marts/expected/" + table.name() + ".sql";
        try (InputStream in = IndependentMarts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("No independent definition " + resource + " for mart table " + table.name());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replaceAll(";$", "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails unless {@code table} in {@code martsSchema} equals its definition (and the definition has rows). */
    public static void assertMatchesDefinition(MartTable<?> table, String martsSchema) throws Exception {
        try (Connection connection = TestPostgres.open()) {
            Difference difference = compare(connection, table, martsSchema);
            assertThat(difference.expectedRows())
                    .as(table.name() + " rows by definition").isPositive();
            assertThat(difference.none()).as(difference.toString()).isTrue();
        }
    }

    /** Rows in one side only; empty when the mart equals its definition row for row, number for number. */
    static Difference compare(Connection connection, MartTable<?> table, String martsSchema) throws SQLException {
        String actual = "SELECT " + String.join(", ", table.columns()) + " FROM " + martsSchema + "." + table.name();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            // The definition runs once; its rows are counted and compared from a temporary table.
            String expectedTable = "expected_" + table.name();
            statement.execute("DROP TABLE IF EXISTS pg_temp." + expectedTable);
            statement.execute("CREATE TEMPORARY TABLE " + expectedTable + " AS " + expectedSql(table));
            String expected = "SELECT * FROM pg_temp." + expectedTable;
            long expectedRows = count(statement, expected);
            long actualRows = count(statement, actual);
            List<String> missing = rows(statement, "(" + expected + ") EXCEPT ALL (" + actual + ")");
            List<String> unexpected = rows(statement, "(" + actual + ") EXCEPT ALL (" + expected + ")");
            return new Difference(table.name(), expectedRows, actualRows, missing, unexpected);
        }
    }

    /**
     * The outcome of one comparison.
     *
     * @param missing up to 20 expected rows the mart lacks (or has with other numbers)
     * @param unexpected up to 20 mart rows the definition does not produce
     */
    record Difference(String table, long expectedRows, long actualRows, List<String> missing, List<String> unexpected) {

        boolean none() {
            return missing.isEmpty() && unexpected.isEmpty() && expectedRows == actualRows;
        }

        @Override
        public String toString() {
            return table + ": expected " + expectedRows + " rows, mart has " + actualRows + "\n  missing or different: "
                    + String.join("\n    ", missing) + "\n  unexpected: " + String.join("\n    ", unexpected);
        }
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM (" + query + ") q")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> rows(Statement statement, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery(query + " LIMIT 20")) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    values.add(meta.getColumnName(i) + "=" + result.getString(i));
                }
                rows.add(String.join(", ", values));
            }
        }
        return rows;
    }

    private static String nullable(String value) {
        if (value == null) {
            return "";
        }
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    /** A text quoted whatever it holds (spaces around a query are data), NULL unquoted and empty. */
    private static String quoted(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}

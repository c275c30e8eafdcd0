package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Small read-only look-ups in the stack's PostgreSQL for the command line (no psql needed), as the read-only BI role
 * ({@link StackEndpoints#biUser()}): the role's grants, not the client, are what keep them read-only.
 */
final class PostgresQueries {
    private static final int MAX_ROWS = 1_000;
    /** SQLSTATEs of a statement the read-only role may not run: insufficient_privilege, read_only_sql_transaction. */
    private static final Set<String> REFUSED = Set.of("42501", "25006");

    private PostgresQueries() {
    }

    /** A libpq URL for psql and other PostgreSQL clients, as the read-only BI role. */
    static String psqlUrl(StackEndpoints endpoints) {
        return endpoints.jdbcUrl().replaceFirst("^jdbc:postgresql://", "postgresql://" + endpoints.biUser() + "@");
    }

    /** One line on the newest hour of marts.traffic_hourly, or why there is none yet. */
    static String latestTrafficHour(StackEndpoints endpoints) {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT event_date, hour, events, unique_users, purchases, revenue "
                     + "FROM marts.traffic_hourly ORDER BY event_date DESC, hour DESC LIMIT 1")) {
            if (!row.next()) {
                return "marts.traffic_hourly: no rows yet";
            }
            return String.format("marts.traffic_hourly %s %02d:00 UTC: events=%d users=%d purchases=%d revenue=%s",
                    row.getDate(1), row.getInt(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getBigDecimal(6));
        } catch (SQLException e) {
            return "marts.traffic_hourly: not readable yet (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /**
     * The number of rows of each of {@code tables} (schema {@code marts}), e.g. {@code rows: traffic_hourly=3
     * search_volume_hourly=24 ...}, so a run shows every mart filling; one statement for all of them.
     */
    static String martRowCounts(StackEndpoints endpoints, List<String> tables) {
        String counts = tables.stream()
                .map(table -> "(SELECT count(*) FROM marts." + table + ")")
                .collect(Collectors.joining(", ", "SELECT ", ""));
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(counts)) {
            row.next();
            StringBuilder line = new StringBuilder("rows:");
            for (int i = 0; i < tables.size(); i++) {
                line.append(' ').append(tables.get(i)).append('=').append(row.getLong(i + 1));
            }
            return line.toString();
        } catch (SQLException e) {
            return "mart rows: not readable yet (" + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    /**
     * Runs {@code sql} as the read-only role and prints the result as an aligned table (at most {@value #MAX_ROWS}
     * rows). A statement that would write fails with one line naming the role.
     */
    static void print(StackEndpoints endpoints, String sql, PrintWriter out) throws SQLException {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement()) {
            statement.setMaxRows(MAX_ROWS);
            if (!statement.execute(sql)) {
                out.println("(" + statement.getUpdateCount() + " rows affected)");
                return;
            }
            try (ResultSet rows = statement.getResultSet()) {
                printTable(rows, out);
            }
        } catch (SQLException e) {
            if (REFUSED.contains(e.getSQLState())) {
                throw new SQLException(firstLine(e) + " (lakehouse query runs as the read-only role "
                        + endpoints.biUser() + ": SELECT on schema marts only)", e.getSQLState(), e);
            }
            throw e;
        }
    }

    private static void printTable(ResultSet rows, PrintWriter out) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int columns = meta.getColumnCount();
        List<String[]> table = new ArrayList<>();
        String[] header = new String[columns];
        for (int c = 0; c < columns; c++) {
            header[c] = meta.getColumnLabel(c + 1);
        }
        table.add(header);
        while (rows.next()) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = rows.getObject(c + 1);
                line[c] = value == null ? "" : value.toString();
            }
            table.add(line);
        }
        int[] widths = new int[columns];
        for (String[] line : table) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (int i = 0; i < table.size(); i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? "" : " | ").append(String.format("%-" + widths[c] + "s", table.get(i)[c]));
            }
            out.println(text.toString().stripTrailing());
            if (i == 0) {
                out.println("-".repeat(text.length()));
            }
        }
        out.println("(" + (table.size() - 1) + " rows)");
    }

    private static String firstLine(SQLException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }

    private static Connection connect(StackEndpoints endpoints) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.biUser(), endpoints.biPassword());
    }
}

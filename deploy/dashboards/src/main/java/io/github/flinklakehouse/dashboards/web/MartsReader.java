package io.github.flinklakehouse.dashboards.web;

import io.github.flinklakehouse.dashboards.Question;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the questions of the dashboards page on the marts, as the role it is given (the stack's read-only BI role):
 * each on a read-only connection of its own, stopped after {@code statementTimeout}, at most {@code rowLimit} rows
 * fetched, so one slow or huge question cannot hold the page or the database. A failure is an answer too, with
 * PostgreSQL's own words, which the page shows on the chart; a mart that does not exist yet is a notice, not a failure.
 *
 * @param jdbcUrl the marts' database
 * @param schema the schema read as {@code marts} ({@code marts} itself, or a test's own schema)
 */
public record MartsReader(String jdbcUrl, String user, String password, String schema, Duration statementTimeout,
        int rowLimit) {

    private static final String UNDEFINED_TABLE = "42P01";
    private static final Pattern MISSING_RELATION =
            Pattern.compile("relation \"(?:[^\"]*\\.)?([^\".]+)\" does not exist");

    public MartsReader {
        if (statementTimeout.toSeconds() < 1 || rowLimit < 1) {
            throw new IllegalArgumentException("statementTimeout must be at least 1 s and rowLimit at least 1, were "
                    + statementTimeout + " and " + rowLimit);
        }
    }

    @Override
    public String toString() {
        return "MartsReader[" + jdbcUrl + " as " + user + ", schema " + schema + "]";
    }

    /** The rows of {@code question}, or why there are none. */
    public QuestionRows read(Question question) {
        return read(question, Map.of());
    }

    /**
     * The rows of {@code question} narrowed by {@code filters} (a column of its result to the value it must equal: a
     * {@link String} compared with the column as text, or a {@link java.math.BigDecimal}), or why there are none. As
     * for Metabase, filters apply around the file's SQL, so the file stays plain SQL.
     */
    public QuestionRows read(Question question, Map<String, Object> filters) {
        StringBuilder sql = new StringBuilder(Question.onSchema(question.sql(), schema));
        List<Object> values = new ArrayList<>();
        if (!filters.isEmpty()) {
            sql.insert(0, "SELECT * FROM (\n").append("\n) AS question\nWHERE true");
            new TreeMap<>(filters).forEach((column, value) -> {
                String quoted = "question.\"" + column.replace("\"", "\"\"") + "\"";
                sql.append(" AND ").append(quoted).append(value instanceof String ? "::text = ?" : " = ?");
                values.add(value);
            });
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                statement.setQueryTimeout((int) statementTimeout.toSeconds());
                statement.setMaxRows(rowLimit + 1);
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    return rows(result);
                }
            }
        } catch (SQLException e) {
            Optional<String> missing = missingTable(e);
            if (missing.isPresent()) {
                return QuestionRows.missing(missing.get());
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return QuestionRows.failed(message);
        }
    }

    private QuestionRows rows(ResultSet result) throws SQLException {
        ResultSetMetaData meta = result.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int c = 1; c <= meta.getColumnCount(); c++) {
            columns.add(meta.getColumnLabel(c));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (result.next()) {
            if (rows.size() == rowLimit) {
                truncated = true;
                break;
            }
            Object[] row = new Object[columns.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = jsonValue(result.getObject(c + 1));
            }
            rows.add(Arrays.asList(row));
        }
        return new QuestionRows(columns, rows, truncated);
    }

    /**
     * The table (without schema) a failure says does not exist (SQLSTATE 42P01, undefined_table): a mart its pipeline
     * has not created yet, not a broken question. {@code "?"} when the server's message does not name it (translated).
     */
    static Optional<String> missingTable(SQLException e) {
        if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
            return Optional.empty();
        }
        Matcher relation = MISSING_RELATION.matcher(String.valueOf(e.getMessage()));
        return Optional.of(relation.find() ? relation.group(1) : "?");
    }

    /** Numbers, booleans and NULL as they are; dates and times in ISO form (as the marts hold them: UTC); else text. */
    private static Object jsonValue(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof Time time) {
            return time.toLocalTime().toString();
        }
        return value.toString();
    }
}

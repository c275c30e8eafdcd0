package io.github.flinklakehouse.dashboards;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs every question of some dashboards on real marts and reports what is wrong: a question that fails, returns
 * other column labels than its definition declares, or returns no rows; and, for each filter of a question, the
 * question as Metabase runs it ({@link Question#metabaseSql()}) with the filter set to the value of its column in the
 * first row where it is not NULL, which must return rows too. Used by the pipelines' system tests through the
 * read-only BI role.
 */
public final class QuestionCheck {

    private static final Pattern OPTIONAL_CLAUSE = Pattern.compile("\\[\\[(.*?)]]", Pattern.DOTALL);
    private static final Pattern TEMPLATE_TAG = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /** What one question returned: its column labels, its rows, and what is wrong with it (nothing when fine). */
    public record Answer(String dashboard, String question, List<String> columns, int rows, List<String> problems) {
        @Override
        public String toString() {
            return dashboard + " / " + question + ": " + rows + " rows " + columns
                    + (problems.isEmpty() ? "" : " PROBLEMS " + problems);
        }
    }

    private QuestionCheck() {
    }

    /**
     * Runs each question of {@code dashboards} on {@code connection}, with schema {@code marts} read as {@code schema}
     * (a test's own schema; {@code marts} for the real one).
     */
    public static List<Answer> run(Connection connection, List<Dashboard> dashboards, String schema) {
        List<Answer> answers = new ArrayList<>();
        for (Dashboard dashboard : dashboards) {
            for (Question question : dashboard.questions()) {
                answers.add(run(connection, dashboard, question, schema));
            }
        }
        return answers;
    }

    /** The problems of {@code answers}, each naming its dashboard and question; empty when every question is fine. */
    public static List<String> problems(List<Answer> answers) {
        return answers.stream().flatMap(a -> a.problems().stream()
                .map(p -> a.dashboard() + " / " + a.question() + ": " + p)).toList();
    }

    private static Answer run(Connection connection, Dashboard dashboard, Question question, String schema) {
        List<String> problems = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        // Per filter column, its first value that is not NULL (a NULL would match nothing).
        Map<String, Object> filterValues = new TreeMap<>();
        int rows = 0;
        try (PreparedStatement statement = connection.prepareStatement(Question.onSchema(question.sql(), schema));
             ResultSet result = statement.executeQuery()) {
            ResultSetMetaData meta = result.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(meta.getColumnLabel(c));
            }
            while (result.next()) {
                rows++;
                for (String column : question.definition().filters().values()) {
                    int index = columns.indexOf(column);
                    if (index >= 0 && !filterValues.containsKey(column) && result.getObject(index + 1) != null) {
                        filterValues.put(column, result.getObject(index + 1));
                    }
                }
            }
        } catch (SQLException e) {
            problems.add("fails: " + firstLine(e));
            return new Answer(dashboard.name(), question.name(), columns, rows, problems);
        }
        if (!columns.equals(question.definition().columns())) {
            problems.add("returns columns " + columns + ", its definition declares " + question.definition().columns());
        }
        if (rows == 0) {
            problems.add("returns no rows");
        }
        for (Map.Entry<String, String> filter : new TreeMap<>(question.definition().filters()).entrySet()) {
            if (!filterValues.containsKey(filter.getValue())) {
                if (rows > 0 && columns.contains(filter.getValue())) {
                    problems.add("filter " + filter.getKey() + ": column " + filter.getValue()
                            + " is NULL in every row");
                }
                continue;
            }
            Object value = filterValues.get(filter.getValue());
            try {
                int filtered = countFiltered(connection, question, schema, filter.getKey(), value);
                if (filtered == 0) {
                    problems.add("with filter " + filter.getKey() + " = " + value + " (the first value of "
                            + filter.getValue() + ") returns no rows");
                }
            } catch (SQLException e) {
                problems.add("with filter " + filter.getKey() + " = " + value + " fails: " + firstLine(e));
            }
        }
        return new Answer(dashboard.name(), question.name(), columns, rows, problems);
    }

    /**
     * Runs the Metabase form of the question with {@code filter} set to {@code value} and the others empty, as
     * Metabase does: an optional clause whose tag has a value is kept (the value bound as a parameter), the others are
     * dropped.
     */
    private static int countFiltered(Connection connection, Question question, String schema, String filter,
            Object value) throws SQLException {
        StringBuilder sql = new StringBuilder();
        Matcher clause = OPTIONAL_CLAUSE.matcher(Question.onSchema(question.metabaseSql(), schema));
        while (clause.find()) {
            Matcher tag = TEMPLATE_TAG.matcher(clause.group(1));
            boolean set = tag.find() && tag.group(1).equals(filter);
            clause.appendReplacement(sql, set ? Matcher.quoteReplacement(tag.replaceAll("?")) : "");
        }
        clause.appendTail(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            statement.setObject(1, value);
            try (ResultSet result = statement.executeQuery()) {
                int rows = 0;
                while (result.next()) {
                    rows++;
                }
                return rows;
            }
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
    }
}

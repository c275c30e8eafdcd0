package io.github.flinklakehouse.dashboards;

import io.github.flinklakehouse.dashboards.DashboardDefinition.QuestionDefinition;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A question of a loaded dashboard: its definition and the text of its SQL file (without the trailing {@code ;}).
 *
 * <p>Filters are applied around the file's SQL, so the file stays plain SQL that psql, {@code lakehouse query} and the
 * tests run as it is: {@link #metabaseSql()} wraps it in {@code SELECT * FROM (...) AS question WHERE true} plus one
 * Metabase optional clause {@code [[AND question."column" = {{filter}}]]} per filter, which Metabase drops while the
 * filter is empty.
 */
public record Question(QuestionDefinition definition, String sql) {

    private static final Pattern MARTS = Pattern.compile("\\bmarts\\.");

    public String name() {
        return definition.name();
    }

    /** The SQL Metabase runs: the file's SQL, wrapped with an optional clause per filter when it has filters. */
    public String metabaseSql() {
        if (definition.filters().isEmpty()) {
            return sql;
        }
        StringBuilder wrapped = new StringBuilder("SELECT * FROM (\n").append(sql)
                .append("\n) AS question\nWHERE true");
        definition.filters().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(filter ->
                wrapped.append("\n[[AND question.\"").append(filter.getValue()).append("\" = {{")
                        .append(filter.getKey()).append("}}]]"));
        return wrapped.toString();
    }

    /**
     * {@code sql} with its schema {@code marts} replaced by {@code schema}, for marts a test wrote into a schema of its
     * own ({@code marts.x} becomes {@code <schema>.x}).
     */
    public static String onSchema(String sql, String schema) {
        return MARTS.matcher(sql).replaceAll(java.util.regex.Matcher.quoteReplacement(schema + "."));
    }
}

package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The SQL shared by publishing and comparing: a CTE {@code mart_range} holding the range's bounds and the publishing
 * pipeline as bound parameters (always parameters 1 to 3), and the predicate "the row's whole period lies inside the
 * range" (and, in a table shared by pipelines, "the row is the pipeline's").
 */
public final class RangeSql {

    /** Alias of the one-row CTE; join it as {@code CROSS JOIN mart_range}. */
    public static final String RANGE = "mart_range";

    /** How many parameters {@link #RANGE_CTE} takes: a statement's own parameters come after them. */
    public static final int PARAMETERS = 3;

    /** {@code WITH} item declaring the range; bind it with {@link #bind}. */
    public static final String RANGE_CTE = RANGE + " AS (SELECT ?::timestamptz AS range_from, ?::timestamptz AS range_until,"
            + " ?::text AS range_pipeline)";

    private RangeSql() {
    }

    /**
     * True for a row (alias {@code alias}) of {@code table} whose whole period lies inside the range and, when the
     * table is shared by pipelines, that belongs to the range's pipeline.
     */
    static String inside(MartTable<?> table, String alias) {
        MartPeriod period = periodOf(table);
        String inRange = "(" + RANGE + ".range_from IS NULL OR " + period.start(alias) + " >= " + RANGE
                + ".range_from) AND (" + RANGE + ".range_until IS NULL OR " + period.end(alias) + " <= "
                + RANGE + ".range_until)";
        return table.pipelineColumn() == null ? inRange
                : inRange + " AND " + alias + "." + table.pipelineColumn() + " = " + RANGE + ".range_pipeline";
    }

    /** True when the instant {@code column} lies in the range: {@code [range_from, range_until)}. */
    public static String contains(String column) {
        return "(" + RANGE + ".range_from IS NULL OR " + column + " >= " + RANGE + ".range_from) AND (" + RANGE
                + ".range_until IS NULL OR " + column + " < " + RANGE + ".range_until)";
    }

    /** {@code alias.c1 = other.c1 AND ...} over {@code columns}. */
    static String equalOn(List<String> columns, String alias, String other) {
        return columns.stream().map(c -> alias + "." + c + " = " + other + "." + c)
                .collect(Collectors.joining(" AND "));
    }

    /** {@code alias.c1, alias.c2, ...}. */
    public static String qualified(List<String> columns, String alias) {
        return columns.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    /**
     * The {@code SET} list of an upsert from staging: every non-key column of {@code table} from {@code EXCLUDED},
     * and {@code updated_at = now()}.
     */
    public static String updateFromExcluded(MartTable<?> table) {
        return table.columns().stream()
                .filter(column -> !table.key().contains(column))
                .map(column -> column + " = EXCLUDED." + column)
                .collect(Collectors.joining(", ", "", ", updated_at = now()"));
    }

    /** Binds the range to parameters 1 and 2 and the pipeline ({@code null} for none) to 3. */
    public static void bind(PreparedStatement statement, EventTimeRange range, String pipeline) throws SQLException {
        setInstant(statement, 1, range.from());
        setInstant(statement, 2, range.until());
        statement.setString(3, pipeline);
    }

    /**
     * Checks that {@code pipeline} is given when one of {@code tables} is shared by pipelines (whose rows of another
     * pipeline it must leave alone).
     */
    static void requirePipelineFor(List<MartTable<?>> tables, String pipeline) {
        if (pipeline == null) {
            tables.stream().filter(table -> table.pipelineColumn() != null).findFirst().ifPresent(table -> {
                throw new IllegalArgumentException("Mart table " + table.name() + " is shared by pipelines (column "
                        + table.pipelineColumn() + "): name the pipeline whose rows to publish or compare");
            });
        }
    }

    /** The mart tables a range owns rows of: those with a period, i.e. all but {@code pipeline_freshness}. */
    static List<MartTable<?>> rangedTables(List<MartTable<?>> tables) {
        return tables.stream().filter(table -> table.period() != null).toList();
    }

    private static MartPeriod periodOf(MartTable<?> table) {
        return Objects.requireNonNull(table.period(),
                () -> "Mart table " + table.name() + " describes no event-time period, so no range owns its rows");
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            // An OffsetDateTime is sent with its offset, so neither the JVM's nor the server's time zone applies.
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}

package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.marts.MartDatabase;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The parity check's comparison: for every mart table with an event-time period, the rows inside a range that
 * differ between a target schema and a staging schema holding the same marts recomputed, matched by primary key
 * and compared on every column but {@code updated_at}.
 *
 * <p>Both sides are read in one repeatable-read, read-only transaction, so a stream job writing the target
 * meanwhile cannot make the counts and the listed rows disagree.
 */
public final class MartRangeComparison {

    /** Rows listed per table unless told otherwise. */
    public static final int DEFAULT_LISTED_PER_TABLE = 20;

    private final JdbcConnectionSettings connection;
    private final int listedPerTable;
    private final List<MartTable<?>> tables;
    private final String pipeline;

    /**
     * Compares the tables of {@code tables} that describe an event-time period, in that order; none of them may be
     * shared by pipelines.
     *
     * @param listedPerTable how many differing rows to list per table (all are counted)
     */
    public MartRangeComparison(JdbcConnectionSettings connection, int listedPerTable, List<MartTable<?>> tables) {
        this(connection, listedPerTable, tables, null);
    }

    /**
     * Compares the tables of {@code tables} that describe an event-time period, in that order; of a table shared by
     * pipelines ({@link MartTable#pipelineColumn()}) only {@code pipeline}'s rows.
     *
     * @param listedPerTable how many differing rows to list per table (all are counted)
     * @param pipeline the pipeline whose marts these are; may be {@code null} when no table is shared
     */
    public MartRangeComparison(JdbcConnectionSettings connection, int listedPerTable, List<MartTable<?>> tables,
            String pipeline) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (listedPerTable < 0) {
            throw new IllegalArgumentException("listedPerTable must be >= 0, was " + listedPerTable);
        }
        this.listedPerTable = listedPerTable;
        this.tables = RangeSql.rangedTables(tables);
        RangeSql.requirePipelineFor(this.tables, pipeline);
        this.pipeline = pipeline;
    }

    /** Compares the rows of {@code range} in {@code targetSchema} with those in {@code stagingSchema}. */
    public ParityReport compare(String targetSchema, String stagingSchema, EventTimeRange range) throws SQLException {
        MartTable.requireSchemaName(targetSchema);
        MartTable.requireSchemaName(stagingSchema);
        Objects.requireNonNull(range, "range");
        try (Connection jdbc = MartDatabase.open(connection)) {
            jdbc.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            jdbc.setReadOnly(true);
            jdbc.setAutoCommit(false);
            try {
                List<TableParity> parities = new ArrayList<>();
                for (MartTable<?> table : tables) {
                    parities.add(compare(jdbc, table, targetSchema, stagingSchema, range));
                }
                return new ParityReport(targetSchema, stagingSchema, range, parities);
            } finally {
                jdbc.rollback();
            }
        }
    }

    private TableParity compare(Connection jdbc, MartTable<?> table, String target, String staging, EventTimeRange range)
            throws SQLException {
        String differences = differencesSql(table, target, staging);
        Map<RowDifference.Kind, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement statement = jdbc.prepareStatement(
                differences + " SELECT kind, count(*) FROM diff GROUP BY kind")) {
            RangeSql.bind(statement, range, pipeline);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(RowDifference.Kind.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
        }
        List<RowDifference> listed = new ArrayList<>();
        if (listedPerTable > 0 && !counts.isEmpty()) {
            String order = IntStream.rangeClosed(1, table.key().size()).mapToObj(i -> "k_" + i)
                    .collect(Collectors.joining(", "));
            try (PreparedStatement statement = jdbc.prepareStatement(
                    differences + " SELECT * FROM diff ORDER BY " + order + " LIMIT ?")) {
                RangeSql.bind(statement, range, pipeline);
                statement.setInt(RangeSql.PARAMETERS + 1, listedPerTable);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        listed.add(rowDifference(table, rows));
                    }
                }
            }
        }
        return new TableParity(table.name(), counts.getOrDefault(RowDifference.Kind.MISSING_IN_TARGET, 0L),
                counts.getOrDefault(RowDifference.Kind.UNEXPECTED_IN_TARGET, 0L),
                counts.getOrDefault(RowDifference.Kind.DIFFERENT, 0L), listed);
    }

    /**
     * A {@code WITH} clause ending in the CTE {@code diff}: kind, the key ({@code k_1..}), the target's columns
     * ({@code t_1..}) and the staging's ({@code s_1..}), one row per differing key.
     */
    private static String differencesSql(MartTable<?> table, String target, String staging) {
        List<String> columns = table.columns();
        List<String> key = table.key();
        List<String> values = columns.stream().filter(column -> !key.contains(column)).toList();
        String firstKey = key.get(0);
        String selectKey = IntStream.range(0, key.size())
                .mapToObj(i -> "coalesce(t." + key.get(i) + ", s." + key.get(i) + ") AS k_" + (i + 1))
                .collect(Collectors.joining(", "));
        String selectSides = IntStream.range(0, columns.size())
                .mapToObj(i -> "t." + columns.get(i) + " AS t_" + (i + 1) + ", s." + columns.get(i) + " AS s_" + (i + 1))
                .collect(Collectors.joining(", "));
        String valuesDiffer = values.isEmpty() ? "false"
                : "ROW(" + RangeSql.qualified(values, "t") + ") IS DISTINCT FROM ROW(" + RangeSql.qualified(values, "s")
                        + ")";
        return "WITH " + RangeSql.RANGE_CTE
                + ", target_rows AS (" + rowsInside(table, target) + ")"
                + ", staging_rows AS (" + rowsInside(table, staging) + ")"
                + ", diff AS (SELECT CASE WHEN t." + firstKey + " IS NULL THEN 'MISSING_IN_TARGET' WHEN s." + firstKey
                + " IS NULL THEN 'UNEXPECTED_IN_TARGET' ELSE 'DIFFERENT' END AS kind, " + selectKey + ", " + selectSides
                + " FROM target_rows t FULL JOIN staging_rows s ON " + RangeSql.equalOn(key, "t", "s")
                + " WHERE t." + firstKey + " IS NULL OR s." + firstKey + " IS NULL OR " + valuesDiffer + ")";
    }

    private static String rowsInside(MartTable<?> table, String schema) {
        return "SELECT " + RangeSql.qualified(table.columns(), "m") + " FROM " + schema + "." + table.name()
                + " m CROSS JOIN " + RangeSql.RANGE + " WHERE " + RangeSql.inside(table, "m");
    }

    private static RowDifference rowDifference(MartTable<?> table, ResultSet rows) throws SQLException {
        List<String> columns = table.columns();
        List<String> key = table.key();
        int keyOffset = 1;
        int sidesOffset = keyOffset + key.size();
        RowDifference.Kind kind = RowDifference.Kind.valueOf(rows.getString(1));
        Map<String, Object> keyValues = new LinkedHashMap<>();
        for (int i = 0; i < key.size(); i++) {
            keyValues.put(key.get(i), value(rows, keyOffset + 1 + i));
        }
        Map<String, Object> target = new LinkedHashMap<>();
        Map<String, Object> staging = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (key.contains(column)) {
                continue;
            }
            Object targetValue = value(rows, sidesOffset + 1 + 2 * i);
            Object stagingValue = value(rows, sidesOffset + 2 + 2 * i);
            switch (kind) {
                case UNEXPECTED_IN_TARGET -> target.put(column, targetValue);
                case MISSING_IN_TARGET -> staging.put(column, stagingValue);
                case DIFFERENT -> {
                    if (!sameValue(targetValue, stagingValue)) {
                        target.put(column, targetValue);
                        staging.put(column, stagingValue);
                    }
                }
                default -> throw new IllegalStateException("Unknown difference " + kind);
            }
        }
        return new RowDifference(kind, keyValues, target, staging);
    }

    /** Reads a column as a value independent of the JVM's and the session's time zone. */
    private static Object value(ResultSet rows, int index) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        Object value = switch (meta.getColumnTypeName(index)) {
            case "date" -> rows.getObject(index, LocalDate.class);
            case "timestamptz" -> {
                OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
                yield time == null ? null : time.toInstant();
            }
            default -> rows.getObject(index);
        };
        return rows.wasNull() ? null : value;
    }

    /** Equality as SQL's {@code IS NOT DISTINCT FROM}: numerics by value, whatever their scale. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return Objects.equals(a, b);
    }
}

package io.github.flinklakehouse.connectors.jdbc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A PostgreSQL {@code INSERT ... ON CONFLICT (key) DO UPDATE} statement generated from a table description.
 *
 * <p>Rows are absolute values keyed by the table's primary key, so writing the same row twice (a replay)
 * leaves the table unchanged. Parameters are bound in the order of {@link #columns()}.
 *
 * @param table table name, optionally schema-qualified ({@code marts.traffic_hourly})
 * @param columns every column the statement binds, in parameter order
 * @param keyColumns the conflict target (the primary key); a subset of {@code columns}
 * @param touchColumn optional column set to {@code now()} on insert and update, e.g. {@code updated_at}
 * @param updateCondition optional SQL condition an existing row (alias {@link #EXISTING_ROW}) must meet to be
 *     updated; a row that does not meet it is left as it is
 */
public record UpsertStatement(String table, List<String> columns, List<String> keyColumns, Optional<String> touchColumn,
        Optional<String> updateCondition) {

    /** The alias of the row already in the table, for {@link #updatingOnlyWhere(String)}. */
    public static final String EXISTING_ROW = "existing";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*\\.)?[A-Za-z_][A-Za-z0-9_]*");

    public UpsertStatement {
        Objects.requireNonNull(table, "table");
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
        touchColumn = Objects.requireNonNull(touchColumn, "touchColumn");
        updateCondition = Objects.requireNonNull(updateCondition, "updateCondition");
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a plain table name: '" + table + "'");
        }
        if (columns.isEmpty() || keyColumns.isEmpty()) {
            throw new IllegalArgumentException("An upsert into " + table + " needs columns and key columns");
        }
        for (String column : columns) {
            requireIdentifier(column);
        }
        touchColumn.ifPresent(UpsertStatement::requireIdentifier);
        if (!columns.containsAll(keyColumns)) {
            throw new IllegalArgumentException("Key columns " + keyColumns + " must all be among " + columns);
        }
    }

    /** Creates a statement without a touch column. */
    public static UpsertStatement of(String table, List<String> columns, List<String> keyColumns) {
        return new UpsertStatement(table, columns, keyColumns, Optional.empty(), Optional.empty());
    }

    /** Returns a copy that also sets {@code column = now()} on every insert and update. */
    public UpsertStatement touching(String column) {
        return new UpsertStatement(table, columns, keyColumns, Optional.of(column), updateCondition);
    }

    /**
     * Returns a copy that updates an existing row only when {@code condition} (SQL over the existing row, alias
     * {@link #EXISTING_ROW}) holds; rows without a conflict are inserted as before.
     */
    public UpsertStatement updatingOnlyWhere(String condition) {
        return new UpsertStatement(table, columns, keyColumns, touchColumn, Optional.of(condition));
    }

    /** Returns the SQL text with one {@code ?} per column. */
    public String sql() {
        String insertColumns = String.join(", ", columns) + touchColumn.map(c -> ", " + c).orElse("");
        String values = columns.stream().map(c -> "?").collect(Collectors.joining(", "))
                + touchColumn.map(c -> ", now()").orElse("");
        List<String> updated = columns.stream()
                .filter(c -> !keyColumns.contains(c))
                .map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.toList());
        touchColumn.ifPresent(c -> updated.add(c + " = now()"));
        String conflictAction = updated.isEmpty() ? "DO NOTHING"
                : "DO UPDATE SET " + String.join(", ", updated) + updateCondition.map(c -> " WHERE " + c).orElse("");
        String target = table + updateCondition.map(c -> " AS " + EXISTING_ROW).orElse("");
        return "INSERT INTO " + target + " (" + insertColumns + ") VALUES (" + values + ") ON CONFLICT ("
                + String.join(", ", keyColumns) + ") " + conflictAction;
    }

    private static void requireIdentifier(String column) {
        if (!IDENTIFIER.matcher(column).matches()) {
            throw new IllegalArgumentException("Not a plain column name: '" + column + "'");
        }
    }
}

package io.github.flinklakehouse.jobs.marts;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One column of a mart table: its name, PostgreSQL type, whether it may be NULL, an optional CHECK and how its
 * value is read from a row; the table's DDL, its upsert's column order and the parameter binding all follow
 * from the list of these.
 *
 * @param name column name, a plain lower-case identifier
 * @param type PostgreSQL type and binding
 * @param nullable whether the column may hold NULL
 * @param check SQL boolean expression of a {@code CHECK} constraint, or {@code null}
 * @param addedLaterDefault for a NOT NULL column added to an existing table by a later version: the default
 *     that {@code ALTER TABLE ... ADD COLUMN IF NOT EXISTS} gives old rows; {@code null} otherwise
 * @param value reads the column's value from a row
 * @param <R> row type
 */
public record MartColumn<R>(String name, SqlType type, boolean nullable, String check, String addedLaterDefault,
        Value<R> value) implements Serializable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    /** Reads a column's value from a row: a {@link Number}, {@link String}, {@code Boolean}, date, instant or null. */
    @FunctionalInterface
    public interface Value<R> extends Serializable {
        Object of(R row);
    }

    public MartColumn {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Column '" + name + "' must be a plain lower-case SQL identifier");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    /** The column's line in {@code CREATE TABLE}. */
    String definition() {
        return name + " " + type.ddl() + (nullable ? "" : " NOT NULL") + (check == null ? "" : " CHECK (" + check + ")");
    }
}

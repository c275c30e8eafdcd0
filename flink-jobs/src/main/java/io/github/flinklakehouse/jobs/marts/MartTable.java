package io.github.flinklakehouse.jobs.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.connectors.jdbc.UpsertStatement;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.util.function.SerializableFunction;

/**
 * One PostgreSQL mart table, declared once: its columns (name, type, how each is read from a row of type
 * {@code R}), primary key and the event-time period a row describes. The DDL, the upsert's column order and its
 * parameter binding all follow from that one list of columns.
 *
 * <p>Every write is the absolute row of its key and sets {@code updated_at = now()}, so writing a row again
 * (a replay, a restore) leaves the table as it was.
 *
 * <pre>
 *  static final MartTable&lt;HourRow&gt; TABLE = MartTable.builder("traffic_hourly", HourRow.class)
 *          .purpose("the hourly traffic mart, one row per UTC hour")
 *          .column("event_date", SqlType.DATE, HourRow::eventDate)
 *          .column("hour", SqlType.SMALLINT, HourRow::hour).check("hour BETWEEN 0 AND 23")
 *          .column("events", SqlType.BIGINT, HourRow::events)
 *          .key("event_date", "hour")
 *          .period(MartPeriod.hour("event_date", "hour"))
 *          .build();
 * </pre>
 *
 * @param <R> the row type the job emits for this table
 */
public final class MartTable<R> implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Set to {@code now()} by every write. */
    public static final String UPDATED_AT = "updated_at";

    private final String name;
    private final String purpose;
    private final Class<R> rowType;
    private final List<MartColumn<R>> columns;
    private final List<String> key;
    private final MartPeriod period;
    private final String pipelineColumn;

    private MartTable(Builder<R> builder) {
        this.name = builder.name;
        this.purpose = Objects.requireNonNull(builder.purpose, () -> "Mart table " + builder.name + " needs a purpose");
        this.rowType = builder.rowType;
        this.columns = List.copyOf(builder.columns);
        this.key = List.copyOf(builder.key);
        this.period = builder.period;
        this.pipelineColumn = builder.pipelineColumn;
        if (pipelineColumn != null && !key.contains(pipelineColumn)) {
            throw new IllegalArgumentException("Mart table " + name + " is shared by pipelines through column "
                    + pipelineColumn + ", which must be part of its key " + key);
        }
        // Validates names and key at class initialisation rather than at the first write.
        UpsertStatement.of(name, columnNames(), key);
        for (String keyColumn : key) {
            if (column(keyColumn).nullable()) {
                throw new IllegalArgumentException("Key column " + keyColumn + " of " + name + " must be NOT NULL");
            }
        }
    }

    /** Starts the declaration of table {@code name} whose rows are {@code rowType}. */
    public static <R> Builder<R> builder(String name, Class<R> rowType) {
        return new Builder<>(name, rowType);
    }

    /** Table name without schema. */
    public String name() {
        return name;
    }

    /** What a row is, in a sentence (the DDL's first comment). */
    public String purpose() {
        return purpose;
    }

    /** Class of the rows the job emits for this table. */
    public Class<R> rowType() {
        return rowType;
    }

    /** Column names in declaration (and upsert parameter) order, without {@code updated_at}. */
    public List<String> columns() {
        return columns.stream().map(MartColumn::name).toList();
    }

    /** The column declarations, in order. */
    public List<MartColumn<R>> columnDeclarations() {
        return columns;
    }

    /** The primary key, a subset of {@link #columns()}. */
    public List<String> key() {
        return key;
    }

    /**
     * The event-time period a row describes (which rows a backfill of a range rewrites); {@code null} for a table
     * whose rows describe no period ({@code pipeline_freshness}).
     */
    public MartPeriod period() {
        return period;
    }

    /**
     * The key column naming the pipeline a row belongs to, for a table that several pipelines write
     * ({@code rejected_daily}, {@code data_quality_daily}); {@code null} for a table of one pipeline. A backfill of one
     * pipeline publishes and compares only that pipeline's rows of such a table.
     */
    public String pipelineColumn() {
        return pipelineColumn;
    }

    /** The column named {@code column}. */
    public MartColumn<R> column(String column) {
        return columns.stream().filter(c -> c.name().equals(column)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Table " + name + " has no column " + column));
    }

    /**
     * The DDL: {@code CREATE SCHEMA/TABLE IF NOT EXISTS} in {@code schema}, then {@code ADD COLUMN IF NOT EXISTS}
     * for columns added by later versions; idempotent, and what to run by hand with psql.
     */
    public String ddl(String schema) {
        requireSchemaName(schema);
        String table = schema + "." + name;
        List<String> lines = new ArrayList<>();
        columns.forEach(column -> lines.add(column.definition()));
        lines.add(UPDATED_AT + " timestamptz NOT NULL DEFAULT now()");
        lines.add("PRIMARY KEY (" + String.join(", ", key) + ")");
        StringBuilder ddl = new StringBuilder()
                .append("-- ").append(name).append(": ").append(purpose).append('\n')
                .append("CREATE SCHEMA IF NOT EXISTS ").append(schema).append(";\n")
                .append("CREATE TABLE IF NOT EXISTS ").append(table).append(" (\n    ")
                .append(String.join(",\n    ", lines)).append("\n);\n");
        for (MartColumn<R> column : columns) {
            if (column.addedLaterDefault() != null) {
                ddl.append("ALTER TABLE ").append(table).append(" ADD COLUMN IF NOT EXISTS ").append(column.definition())
                        .append(" DEFAULT ").append(column.addedLaterDefault()).append(";\n");
            }
            if (column.type() == SqlType.MONEY) {
                ddl.append(widenMoney(schema, column.name()));
            }
        }
        return ddl.toString();
    }

    /**
     * Widens a money column that an earlier version created as {@code numeric(18, 2)}; only when it is narrower, so
     * a start does not take the table's exclusive lock for nothing (a wider numeric needs no rewrite).
     */
    private String widenMoney(String schema, String column) {
        return "DO $$ BEGIN\n"
                + "  IF (SELECT numeric_precision FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = '" + name + "' AND column_name = '" + column + "') < 20 THEN\n"
                + "    ALTER TABLE " + schema + "." + name + " ALTER COLUMN " + column + " TYPE "
                + SqlType.MONEY.ddl() + ";\n"
                + "  END IF;\nEND $$;\n";
    }

    /** Applies the DDL in {@code schema}; idempotent, so every job start may call it. */
    public void ensure(JdbcConnectionSettings connection, String schema) throws SQLException {
        try (Connection jdbc = MartDatabase.open(connection); Statement statement = jdbc.createStatement()) {
            statement.execute(ddl(schema));
        }
    }

    /** Creates every one of {@code tables} in {@code schema} when absent (idempotent), over one connection. */
    public static void ensureAll(JdbcConnectionSettings connection, String schema, List<MartTable<?>> tables)
            throws SQLException {
        try (Connection jdbc = MartDatabase.open(connection); Statement statement = jdbc.createStatement()) {
            for (MartTable<?> table : tables) {
                statement.execute(table.ddl(schema));
            }
        }
    }

    /**
     * Returns the upsert into {@code schema.name} that leaves alone every row already there whose period began before
     * {@code holdBackBefore}: a job that started without state saw those periods only from the middle, so its rows of
     * them are partial (a table without periods is written as usual).
     */
    public UpsertStatement upsertHoldingBack(String schema, Instant holdBackBefore) {
        UpsertStatement upsert = upsert(schema);
        return period == null ? upsert : upsert.updatingOnlyWhere(period.start(UpsertStatement.EXISTING_ROW)
                + " >= timestamptz '" + holdBackBefore + "'");
    }

    /** Returns the upsert into {@code schema.name}. */
    public UpsertStatement upsert(String schema) {
        requireSchemaName(schema);
        return UpsertStatement.of(schema + "." + name, columnNames(), key).touching(UPDATED_AT);
    }

    /** Binds one row to the upsert's parameters, in column order. */
    public JdbcStatementBuilder<R> binder() {
        List<MartColumn<R>> bound = columns;
        return (statement, row) -> {
            for (int i = 0; i < bound.size(); i++) {
                MartColumn<R> column = bound.get(i);
                column.type().bind(statement, i + 1, column.value().of(row));
            }
        };
    }

    /** The row's values of the key columns, in key order: equal for rows of one key (coalescing sinks). */
    public SerializableFunction<R, Object> keyOf() {
        List<MartColumn.Value<R>> keyValues = key.stream()
                .map(name -> columns.stream().filter(column -> column.name().equals(name)).findFirst().orElseThrow()
                        .value())
                .toList();
        return row -> {
            List<Object> values = new ArrayList<>(keyValues.size());
            for (MartColumn.Value<R> value : keyValues) {
                values.add(value.of(row));
            }
            return values;
        };
    }

    /** Throws when {@code schema} is not a plain lower-case PostgreSQL identifier. */
    public static void requireSchemaName(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("marts schema '" + schema + "' must match " + SCHEMA_NAME.pattern());
        }
    }

    @Override
    public String toString() {
        return "MartTable[" + name + "(" + columns.stream().map(MartColumn::name).collect(Collectors.joining(", "))
                + "), key " + key + "]";
    }

    private List<String> columnNames() {
        return columns();
    }

    /**
     * Declares a table column by column.
     *
     * @param <R> row type
     */
    public static final class Builder<R> {
        private final String name;
        private final Class<R> rowType;
        private final List<MartColumn<R>> columns = new ArrayList<>();
        private final List<String> key = new ArrayList<>();
        private String purpose;
        private MartPeriod period;
        private String pipelineColumn;

        private Builder(String name, Class<R> rowType) {
            this.name = Objects.requireNonNull(name, "name");
            this.rowType = Objects.requireNonNull(rowType, "rowType");
        }

        /** What one row is, in a sentence. */
        public Builder<R> purpose(String text) {
            this.purpose = text;
            return this;
        }

        /** A NOT NULL column. */
        public Builder<R> column(String column, SqlType type, MartColumn.Value<R> value) {
            columns.add(new MartColumn<>(column, type, false, null, null, value));
            return this;
        }

        /** A column that may hold NULL (the value may return {@code null}). */
        public Builder<R> nullableColumn(String column, SqlType type, MartColumn.Value<R> value) {
            columns.add(new MartColumn<>(column, type, true, null, null, value));
            return this;
        }

        /** A CHECK constraint on the column declared last. */
        public Builder<R> check(String expression) {
            MartColumn<R> last = last();
            columns.set(columns.size() - 1, new MartColumn<>(last.name(), last.type(), last.nullable(), expression,
                    last.addedLaterDefault(), last.value()));
            return this;
        }

        /** Marks the column declared last as added by a later version; old tables get it with {@code defaultSql}. */
        public Builder<R> addedLater(String defaultSql) {
            MartColumn<R> last = last();
            columns.set(columns.size() - 1, new MartColumn<>(last.name(), last.type(), last.nullable(), last.check(),
                    defaultSql, last.value()));
            return this;
        }

        /** The primary key columns. */
        public Builder<R> key(String... keyColumns) {
            key.addAll(List.of(keyColumns));
            return this;
        }

        /** The event-time period of a row (omit for a table whose rows describe no period). */
        public Builder<R> period(MartPeriod rowPeriod) {
            this.period = Objects.requireNonNull(rowPeriod, "rowPeriod");
            return this;
        }

        /**
         * Declares the table shared by pipelines, each owning the rows whose key column {@code column} holds its name
         * (so one pipeline's backfill never replaces another's rows).
         */
        public Builder<R> sharedByPipelines(String column) {
            this.pipelineColumn = Objects.requireNonNull(column, "column");
            return this;
        }

        public MartTable<R> build() {
            return new MartTable<>(this);
        }

        private MartColumn<R> last() {
            if (columns.isEmpty()) {
                throw new IllegalStateException("Declare a column first");
            }
            return columns.get(columns.size() - 1);
        }
    }
}

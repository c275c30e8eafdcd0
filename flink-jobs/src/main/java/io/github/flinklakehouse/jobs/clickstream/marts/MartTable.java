package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.connectors.jdbc.UpsertStatement;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * One PostgreSQL mart table: its DDL (resource {@code /sql/marts/<name>.sql}), columns, primary key and how
 * a row of type {@code R} binds to the upsert.
 *
 * <p>Every write is the absolute row of its key and sets {@code updated_at = now()}, so writing a row again
 * (a replay, a restore) leaves the table as it was.
 *
 * @param name table name without schema
 * @param rowType class of the rows the job emits for this table
 * @param columns columns bound by the upsert, in parameter order
 * @param key primary key, a subset of {@code columns}
 * @param binder binds one row in {@code columns} order
 * @param period the event-time period a row describes (which rows a backfill of a range rewrites); {@code null}
 *     for a table whose rows describe no period ({@code pipeline_freshness})
 */
public record MartTable<R>(
        String name, Class<R> rowType, List<String> columns, List<String> key, JdbcStatementBuilder<R> binder,
        MartPeriod period)
        implements Serializable {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    public MartTable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rowType, "rowType");
        Objects.requireNonNull(binder, "binder");
        columns = List.copyOf(columns);
        key = List.copyOf(key);
        // Validates names and key early, at class initialisation rather than at the first write.
        UpsertStatement.of(name, columns, key);
    }

    /** A table whose rows describe no event-time period, so no backfill range owns them. */
    public MartTable(
            String name, Class<R> rowType, List<String> columns, List<String> key, JdbcStatementBuilder<R> binder) {
        this(name, rowType, columns, key, binder, null);
    }

    /** Returns the DDL ({@code CREATE SCHEMA/TABLE IF NOT EXISTS}) with {@code ${schema}} replaced. */
    public String ddl(String schema) {
        requireSchemaName(schema);
        String resource = "/sql/marts/" + name + ".sql";
        try (InputStream in = MartTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing DDL resource " + resource + " for mart " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Applies the DDL; idempotent, so every job start may call it. Connects through the PostgreSQL driver
     * directly rather than {@code DriverManager}, which keeps one registration per JVM and fails with "No
     * suitable driver" for the second job on a cluster whose lib does not hold the driver.
     */
    public void ensure(JdbcConnectionSettings connection, String schema) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", connection.user());
        if (connection.password() != null) {
            credentials.setProperty("password", connection.password());
        }
        try (Connection jdbc = new org.postgresql.Driver().connect(connection.url(), credentials)) {
            if (jdbc == null) {
                throw new SQLException("Not a PostgreSQL JDBC URL: " + connection.url());
            }
            try (Statement statement = jdbc.createStatement()) {
                statement.execute(ddl(schema));
            }
        }
    }

    /** Returns the upsert into {@code schema.name}. */
    public UpsertStatement upsert(String schema) {
        requireSchemaName(schema);
        return UpsertStatement.of(schema + "." + name, columns, key).touching("updated_at");
    }

    /** Throws when {@code schema} is not a plain lower-case PostgreSQL identifier. */
    public static void requireSchemaName(String schema) {
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("marts schema '" + schema + "' must match " + SCHEMA_NAME.pattern());
        }
    }
}

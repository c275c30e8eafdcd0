package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.connectors.jdbc.PostgresUpsertSinks;
import io.github.flinklakehouse.connectors.jdbc.UpsertSinkOptions;
import io.github.flinklakehouse.connectors.jdbc.UpsertStatement;
import io.github.flinklakehouse.jobs.SinkBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Date;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

/**
 * The PostgreSQL mart {@code <schema>.traffic_hourly}: its DDL, its upsert and the sink that writes it.
 *
 * <p>Primary key {@code (event_date, hour)}; every write is the absolute row of the hour and sets
 * {@code updated_at = now()}, so a replay converges to the same numbers.
 */
public final class TrafficHourlyMart {

    /** Table name without schema. */
    public static final String TABLE = "traffic_hourly";

    /** Columns bound by the upsert, in parameter order. */
    public static final List<String> COLUMNS = List.of(
            "event_date", "hour", "events", "views", "carts", "purchases", "unique_users", "unique_sessions", "revenue");

    /** Primary key of the table. */
    public static final List<String> KEY = List.of("event_date", "hour");

    private static final String DDL_RESOURCE = "/sql/traffic_hourly.sql";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private TrafficHourlyMart() {
    }

    /** Returns the DDL ({@code CREATE SCHEMA/TABLE IF NOT EXISTS}) for {@code schema}. */
    public static String ddl(String schema) {
        requireSchemaName(schema);
        try (InputStream in = TrafficHourlyMart.class.getResourceAsStream(DDL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + DDL_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Applies the DDL; idempotent, so every job start may call it. */
    public static void ensureTable(JdbcConnectionSettings connection, String schema) throws SQLException {
        try (Connection jdbc = DriverManager.getConnection(connection.url(), connection.user(), connection.password());
                Statement statement = jdbc.createStatement()) {
            statement.execute(ddl(schema));
        }
    }

    /** Returns the upsert statement for {@code schema}. */
    public static UpsertStatement upsert(String schema) {
        requireSchemaName(schema);
        return UpsertStatement.of(schema + "." + TABLE, COLUMNS, KEY).touching("updated_at");
    }

    /** Returns the binding that upserts rows into the mart, flushing at least every {@code flushInterval}. */
    public static SinkBinding<TrafficHourlyRow> sink(JdbcConnectionSettings connection, String schema,
            Duration flushInterval) {
        return SinkBinding.of(PostgresUpsertSinks.create(
                connection, upsert(schema), binder(), UpsertSinkOptions.flushingEvery(flushInterval)));
    }

    /** Binds one row in {@link #COLUMNS} order. */
    public static JdbcStatementBuilder<TrafficHourlyRow> binder() {
        return (statement, row) -> {
            statement.setDate(1, Date.valueOf(row.eventDate()));
            statement.setShort(2, (short) row.hour());
            statement.setLong(3, row.events());
            statement.setLong(4, row.views());
            statement.setLong(5, row.carts());
            statement.setLong(6, row.purchases());
            statement.setLong(7, row.uniqueUsers());
            statement.setLong(8, row.uniqueSessions());
            statement.setBigDecimal(9, row.revenue());
        };
    }

    private static void requireSchemaName(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("marts schema '" + schema + "' must match " + SCHEMA_NAME.pattern());
        }
    }
}

package io.github.flinklakehouse.connectors.jdbc;

import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;

/**
 * Builds at-least-once PostgreSQL sinks that upsert absolute rows, which makes replays converge.
 *
 * <p>At-least-once is enough because every statement is an idempotent upsert by primary key: writing a
 * row again after a restore gives the same table.
 */
public final class PostgresUpsertSinks {

    private static final String POSTGRES_DRIVER = "org.postgresql.Driver";

    private PostgresUpsertSinks() {
    }

    /**
     * Creates a sink writing {@code statement.sql()} with parameters bound by {@code binder}.
     *
     * @param connection database to write to
     * @param statement the upsert; {@code binder} must set one parameter per column in its order
     * @param binder binds one element to the prepared statement
     * @param options batching and retries
     */
    public static <T> JdbcSink<T> create(
            JdbcConnectionSettings connection,
            UpsertStatement statement,
            JdbcStatementBuilder<T> binder,
            UpsertSinkOptions options) {
        JdbcExecutionOptions execution = JdbcExecutionOptions.builder()
                .withBatchSize(options.batchSize())
                .withBatchIntervalMs(options.batchInterval().toMillis())
                .withMaxRetries(options.maxRetries())
                .build();
        JdbcConnectionOptions connectionOptions = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(connection.url())
                .withDriverName(POSTGRES_DRIVER)
                .withUsername(connection.user())
                .withPassword(connection.password())
                .build();
        return JdbcSink.<T>builder()
                .withQueryStatement(statement.sql(), binder)
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connectionOptions);
    }
}

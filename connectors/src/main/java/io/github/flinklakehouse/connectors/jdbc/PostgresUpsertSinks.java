package io.github.flinklakehouse.connectors.jdbc;

import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.util.function.SerializableFunction;

/**
 * Builds at-least-once PostgreSQL sinks that upsert absolute rows, which makes replays converge.
 *
 * <p>At-least-once is enough because every statement is an idempotent upsert by primary key: writing a
 * row again after a restore gives the same table. Rows of one key written before a flush are coalesced to the last
 * ({@link CoalescingUpsertSink}), and the driver sends each batch as multi-row statements.
 */
public final class PostgresUpsertSinks {

    private static final String POSTGRES_DRIVER = "org.postgresql.Driver";
    /** pgjdbc sends a batch of one INSERT as multi-row INSERTs (up to 128 rows each) instead of one per row. */
    static final String REWRITE_BATCHED_INSERTS = "reWriteBatchedInserts=true";

    private PostgresUpsertSinks() {
    }

    /**
     * Creates a sink writing {@code statement.sql()} with parameters bound by {@code binder}.
     *
     * @param connection database to write to
     * @param statement the upsert; {@code binder} must set one parameter per column in its order
     * @param binder binds one element to the prepared statement
     * @param keyOf the element's values of {@code statement}'s key columns (equal keys, equal values)
     * @param options batching and retries
     */
    public static <T> CoalescingUpsertSink<T> create(
            JdbcConnectionSettings connection,
            UpsertStatement statement,
            JdbcStatementBuilder<T> binder,
            SerializableFunction<T, Object> keyOf,
            UpsertSinkOptions options) {
        // The coalescing writer decides when to write; the JDBC writer's own timer would split its batches.
        JdbcExecutionOptions execution = JdbcExecutionOptions.builder()
                .withBatchSize(options.batchSize())
                .withBatchIntervalMs(0)
                .withMaxRetries(options.maxRetries())
                .build();
        JdbcConnectionOptions connectionOptions = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(withRewrittenBatches(connection.url()))
                .withDriverName(POSTGRES_DRIVER)
                .withUsername(connection.user())
                .withPassword(connection.password())
                .build();
        JdbcSink<T> writer = JdbcSink.<T>builder()
                .withQueryStatement(statement.sql(), binder)
                .withExecutionOptions(execution)
                .buildAtLeastOnce(connectionOptions);
        return new CoalescingUpsertSink<>(writer, keyOf, options.batchSize(), options.batchInterval().toMillis());
    }

    static String withRewrittenBatches(String url) {
        if (url.contains("reWriteBatchedInserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + REWRITE_BATCHED_INSERTS;
    }
}

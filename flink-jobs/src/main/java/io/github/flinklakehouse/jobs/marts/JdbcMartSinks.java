package io.github.flinklakehouse.jobs.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.connectors.jdbc.PostgresUpsertSinks;
import io.github.flinklakehouse.connectors.jdbc.UpsertSinkOptions;
import io.github.flinklakehouse.jobs.SinkBinding;
import java.time.Duration;
import java.util.Objects;

/**
 * Writes every mart table into one PostgreSQL schema by idempotent upsert, flushing at least every
 * {@code flushInterval}.
 */
public final class JdbcMartSinks implements MartSinks {

    private final JdbcConnectionSettings connection;
    private final String schema;
    private final Duration flushInterval;

    public JdbcMartSinks(JdbcConnectionSettings connection, String schema, Duration flushInterval) {
        this.connection = Objects.requireNonNull(connection, "connection");
        MartTable.requireSchemaName(schema);
        this.schema = schema;
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
    }

    @Override
    public <R> SinkBinding<R> sinkFor(MartTable<R> table) {
        return SinkBinding.of(PostgresUpsertSinks.create(connection, table.upsert(schema), table.binder(),
                UpsertSinkOptions.flushingEvery(flushInterval)));
    }
}

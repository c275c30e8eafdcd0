package io.github.flinklakehouse.jobs.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.connectors.jdbc.PostgresUpsertSinks;
import io.github.flinklakehouse.connectors.jdbc.UpsertSinkOptions;
import io.github.flinklakehouse.connectors.jdbc.UpsertStatement;
import io.github.flinklakehouse.jobs.SinkBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes every mart table into one PostgreSQL schema by idempotent upsert, flushing at least every
 * {@code flushInterval}.
 */
public final class JdbcMartSinks implements MartSinks {

    private final JdbcConnectionSettings connection;
    private final String schema;
    private final Duration flushInterval;
    private final Instant holdBackBefore;

    public JdbcMartSinks(JdbcConnectionSettings connection, String schema, Duration flushInterval) {
        this(connection, schema, flushInterval, Optional.empty());
    }

    /**
     * @param holdBackBefore when present, rows already in the schema whose period began before it are never
     *     overwritten ({@link MartTable#upsertHoldingBack}): for a job started without state over existing marts
     */
    public JdbcMartSinks(JdbcConnectionSettings connection, String schema, Duration flushInterval,
            Optional<Instant> holdBackBefore) {
        this.connection = Objects.requireNonNull(connection, "connection");
        MartTable.requireSchemaName(schema);
        this.schema = schema;
        this.flushInterval = Objects.requireNonNull(flushInterval, "flushInterval");
        this.holdBackBefore = holdBackBefore.orElse(null);
    }

    @Override
    public <R> SinkBinding<R> sinkFor(MartTable<R> table) {
        UpsertStatement upsert = holdBackBefore == null ? table.upsert(schema)
                : table.upsertHoldingBack(schema, holdBackBefore);
        return SinkBinding.of(PostgresUpsertSinks.create(connection, upsert, table.binder(), table.keyOf(),
                UpsertSinkOptions.flushingEvery(flushInterval)));
    }
}

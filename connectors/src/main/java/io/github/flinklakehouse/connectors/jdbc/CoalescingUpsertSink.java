package io.github.flinklakehouse.connectors.jdbc;

import java.io.IOException;
import java.util.Collection;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Committer;
import org.apache.flink.api.connector.sink2.CommitterInitContext;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsCommitter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.function.SerializableFunction;

/**
 * An upsert sink that keeps only the latest row per primary key between two writes, then hands the rows to Flink's
 * {@link JdbcSink} as one batch, which the PostgreSQL driver sends as multi-row {@code INSERT ... ON CONFLICT}
 * statements ({@code reWriteBatchedInserts}).
 *
 * <p>A mart row is absolute (the whole value of its key), so a key written twice before a flush needs only its last
 * row: the table ends the same, with fewer statements. Coalescing is also what makes the driver's rewrite safe: one
 * multi-row upsert must not touch a key twice.
 *
 * <p>Everything Flink sees of the sink — its writer state, its committer operator and their serializers — is the
 * wrapped {@link JdbcSink}'s, so savepoints of jobs that wrote through {@code JdbcSink} directly restore unchanged.
 *
 * @param <T> row type; rows must not be mutated after they are written (object reuse off, as in the jobs)
 */
public final class CoalescingUpsertSink<T>
        implements Sink<T>, SupportsWriterState<T, JdbcWriterState>, SupportsCommitter<JdbcCommitable> {
    private static final long serialVersionUID = 1L;

    private final JdbcSink<T> delegate;
    private final SerializableFunction<T, Object> keyOf;
    private final int maxRows;
    private final long flushIntervalMillis;

    /**
     * @param delegate writes the rows; it must not flush on a timer of its own (batch interval 0)
     * @param keyOf the row's primary key, with {@code equals}/{@code hashCode}
     * @param maxRows distinct keys held before they are written
     * @param flushIntervalMillis longest time a row is held, 0 for "only when full and at checkpoints"
     */
    CoalescingUpsertSink(JdbcSink<T> delegate, SerializableFunction<T, Object> keyOf, int maxRows,
            long flushIntervalMillis) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.maxRows = maxRows;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    @Override
    public CoalescingUpsertWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new CoalescingUpsertWriter<>(delegate.createWriter(context), keyOf, maxRows, flushIntervalMillis,
                context.getProcessingTimeService(), context.metricGroup());
    }

    @Override
    public StatefulSinkWriter<T, JdbcWriterState> restoreWriter(WriterInitContext context,
            Collection<JdbcWriterState> recoveredState) throws IOException {
        return new CoalescingUpsertWriter<>(delegate.restoreWriter(context, recoveredState), keyOf, maxRows,
                flushIntervalMillis, context.getProcessingTimeService(), context.metricGroup());
    }

    @Override
    public SimpleVersionedSerializer<JdbcWriterState> getWriterStateSerializer() {
        return delegate.getWriterStateSerializer();
    }

    @Override
    public Committer<JdbcCommitable> createCommitter(CommitterInitContext context) throws IOException {
        return delegate.createCommitter(context);
    }

    @Override
    public SimpleVersionedSerializer<JdbcCommitable> getCommittableSerializer() {
        return delegate.getCommittableSerializer();
    }
}

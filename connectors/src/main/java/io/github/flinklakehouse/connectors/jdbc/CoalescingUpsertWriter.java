package io.github.flinklakehouse.connectors.jdbc;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.committer.JdbcCommitable;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriter;
import org.apache.flink.connector.jdbc.core.datastream.sink.writer.JdbcWriterState;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The writer of {@link CoalescingUpsertSink}: holds the latest row per key and writes them through the wrapped
 * {@link JdbcWriter} when {@code maxRows} keys are held, when the oldest held row is {@code flushIntervalMillis} old,
 * and before every checkpoint barrier (at-least-once: nothing held is left out of a checkpoint). Runs on the task's
 * mailbox thread only, timers included, so it needs no locking.
 */
final class CoalescingUpsertWriter<T>
        implements StatefulSinkWriter<T, JdbcWriterState>, CommittingSinkWriter<T, JdbcCommitable> {

    private final JdbcWriter<T> delegate;
    private final SerializableFunction<T, Object> keyOf;
    private final int maxRows;
    private final long flushIntervalMillis;
    private final ProcessingTimeService time;
    private final Counter coalesced;
    private final Map<Object, T> latestByKey = new LinkedHashMap<>();
    private Context lastContext;
    private boolean flushTimerSet;

    CoalescingUpsertWriter(JdbcWriter<T> delegate, SerializableFunction<T, Object> keyOf, int maxRows,
            long flushIntervalMillis, ProcessingTimeService time, SinkWriterMetricGroup metrics) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        }
        this.delegate = delegate;
        this.keyOf = keyOf;
        this.maxRows = maxRows;
        this.flushIntervalMillis = flushIntervalMillis;
        this.time = time;
        this.coalesced = metrics.counter("rowsCoalesced");
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        if (latestByKey.put(keyOf.apply(row), row) != null) {
            coalesced.inc();
        }
        lastContext = context;
        if (latestByKey.size() >= maxRows) {
            writeHeldRows();
        } else if (!flushTimerSet && flushIntervalMillis > 0) {
            flushTimerSet = true;
            time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMillis, now -> {
                flushTimerSet = false;
                writeHeldRows();
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        handOverHeldRows();
        delegate.flush(endOfInput);
    }

    @Override
    public Collection<JdbcCommitable> prepareCommit() throws IOException, InterruptedException {
        return delegate.prepareCommit();
    }

    @Override
    public List<JdbcWriterState> snapshotState(long checkpointId) throws IOException {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }

    /** Writes every held row now, as one batch of distinct keys. */
    private void writeHeldRows() throws IOException, InterruptedException {
        handOverHeldRows();
        delegate.flush(false);
    }

    private void handOverHeldRows() throws IOException, InterruptedException {
        for (T row : latestByKey.values()) {
            delegate.write(row, lastContext);
        }
        latestByKey.clear();
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Partial values of one aggregation, per key, collected in one subtask between two flushes (a mini-batch): what
 * would be one record per event becomes one record per key and flush. Not state: the owning operator flushes it
 * before every checkpoint barrier, at the end of input, every flush interval, and before it forwards a watermark
 * that reaches the close time of a buffered key ({@link #closesBy}), so a key's partials always reach its final
 * stage before the watermark that closes it, while every other watermark passes without breaking the batch up.
 */
final class PartialBuffer<P, K> {

    private final Aggregation<P, K> aggregation;
    private final OutputTag<Tuple2<K, long[]>> tag;
    private final long allowedLatenessMillis;
    private final Map<K, long[]> values = new HashMap<>();
    /** Partials shipped early because the next event would have overflowed one of their sums. */
    private final List<Tuple2<K, long[]>> full = new ArrayList<>();
    private long earliestClose = Long.MAX_VALUE;

    PartialBuffer(Aggregation<P, K> aggregation, OutputTag<Tuple2<K, long[]>> tag, long allowedLatenessMillis) {
        this.aggregation = aggregation;
        this.tag = tag;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    Aggregation<P, K> aggregation() {
        return aggregation;
    }

    /** The partial values of {@code key}, created at the aggregation's identity. */
    long[] of(K key) {
        long[] partial = values.get(key);
        return partial != null ? partial : added(key, aggregation.closeTime(key, allowedLatenessMillis));
    }

    /** Like {@link #of(Object)}, for a caller that knows the key's close time ({@link Aggregation#closeTime}). */
    long[] of(K key, long closeTime) {
        long[] partial = values.get(key);
        return partial != null ? partial : added(key, closeTime);
    }

    private long[] added(K key, long closeTime) {
        long[] partial = aggregation.newValues();
        values.put(key, partial);
        earliestClose = Math.min(earliestClose, closeTime);
        return partial;
    }

    /**
     * Adds {@code event} to the event measures of {@code key} (a key of this aggregation); when a sum of the key's
     * partial would overflow, that partial is set aside for the next flush and the event starts a new one.
     */
    @SuppressWarnings("unchecked")
    void addEvent(Object key, P event) {
        K typed = (K) key;
        long[] partial = of(typed);
        if (!aggregation.addEvent(partial, event)) {
            full.add(Tuple2.of(typed, partial));
            partial = aggregation.newValues();
            values.put(typed, partial);
            aggregation.addEvent(partial, event);
        }
    }

    /** Whether a watermark of {@code time} would close a buffered key: flush before forwarding it. */
    boolean closesBy(long time) {
        return time >= earliestClose;
    }

    int size() {
        return values.size();
    }

    /** Emits every key's partial values on the aggregation's side output and forgets them. */
    void flushTo(Output<?> output) {
        for (Tuple2<K, long[]> partial : full) {
            output.collect(tag, new StreamRecord<>(partial));
        }
        full.clear();
        if (values.isEmpty()) {
            return;
        }
        for (Map.Entry<K, long[]> entry : values.entrySet()) {
            if (!aggregation.isIdentity(entry.getValue())) {
                output.collect(tag, new StreamRecord<>(Tuple2.of(entry.getKey(), entry.getValue())));
            }
        }
        values.clear();
        earliestClose = Long.MAX_VALUE;
    }
}

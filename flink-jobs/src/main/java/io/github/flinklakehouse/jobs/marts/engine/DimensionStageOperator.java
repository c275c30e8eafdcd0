package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The stage keyed by one {@link Dimension} (users, sessions, products): exact distinct counts split by the
 * counted value itself, and the {@link KeyedMart}s keyed by that dimension. Its input is what the pre-aggregation
 * combined per value ({@link ValueBatch}: a value's keys with their flags and the keyed marts' partials), not events.
 *
 * <p>For every aggregation that counts the dimension, the stage remembers per value the keys it was seen in and
 * the OR of its events' flags there, all in one compact {@link Memberships} object per value. When a batch adds a
 * key or a flag, each affected {@link DistinctCount} changes by +1 or -1; the changes are collected per key like
 * {@link PreAggregateOperator}'s partials and flushed on the same occasions (before a watermark that closes a
 * buffered key, before checkpoint barriers, at the end of input, every flush interval). A value's entry for a key is dropped by an event-time
 * timer when the key closes, so state stays bounded. When a hosted mart {@linkplain KeyedMart#endsValue ends values}
 * (the sessions mart: a session is over once its row is final), the value's whole memberships go when that mart
 * closes it: a session then costs state for its activity plus the inactivity timeout, not until its month closes.
 * Batches of an ended value are not counted again (the mart dead-letters their events).
 *
 * <p>Timers use one namespace for the memberships (0) and one per keyed mart (1, 2, ...), so parts never delete
 * each other's timers.
 */
final class DimensionStageOperator<P, V> extends AbstractStreamOperator<Void>
        implements OneInputStreamOperator<ValueBatch<V>, Void>, Triggerable<V, Integer>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    /** Metric counting batches of ended values whose distinct-count contributions were refused. */
    static final String METRIC_ENDED_VALUE_BATCHES = "endedValueBatches";

    private final DimensionPlan<P, V> plan;
    private final long allowedLatenessMillis;
    private final long flushIntervalMillis;
    private final boolean intervalFlush;
    private final int maxBufferedCounts;

    private transient List<Counting<?>> counting;
    private transient ValueState<Memberships> memberships;
    private transient List<Hosted<?, ?>> hosted;
    private transient InternalTimerService<Integer> timers;
    /** Re-encodes a batch's key for memberships restored from layout-1 state (fixed-width keys) only. */
    private transient KeyBuffer encoded;
    private transient KeyReader reader;
    private transient int sinceSizeCheck;
    private transient Consumer<DeadLetter> deadLetters;
    private transient Hosted<?, ?> endingMart;
    private transient Counter endedValueBatches;

    /**
     * @param flushIntervalMillis how often an open key's row is emitted and, with {@code intervalFlush}, the
     *     buffered partials are flushed
     * @param intervalFlush whether the buffered partials are also flushed every interval (not in a batch job)
     */
    DimensionStageOperator(DimensionPlan<P, V> plan, long allowedLatenessMillis, long flushIntervalMillis,
            boolean intervalFlush, int maxBufferedCounts) {
        this.plan = plan;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.flushIntervalMillis = flushIntervalMillis;
        this.intervalFlush = intervalFlush;
        this.maxBufferedCounts = maxBufferedCounts;
    }

    @Override
    public void open() throws Exception {
        super.open();
        timers = getInternalTimerService("dimension-timers", IntSerializer.INSTANCE, this);
        // State names are part of the savepoint format: keep them.
        memberships = getPartitionedState(new ValueStateDescriptor<>("memberships", MembershipsSerializer.TYPE));
        encoded = new KeyBuffer();
        reader = new KeyReader();
        counting = new ArrayList<>();
        for (DimensionPlan.Counted<P, ?> counted : plan.counting()) {
            addCounting(counted);
        }
        hosted = new ArrayList<>();
        for (DimensionPlan.Hosted<P, V, ?, ?> mart : plan.marts()) {
            addHosted(mart);
        }
        endingMart = hosted.stream().filter(h -> h.mart.endsValue()).findFirst().orElse(null);
        endedValueBatches = getMetricGroup().counter(METRIC_ENDED_VALUE_BATCHES);
        OutputTag<DeadLetter> rejectedTag = MartSet.deadLettersTag(plan.dimension());
        deadLetters = letter -> output.collect(rejectedTag, new StreamRecord<>(letter));
        if (intervalFlush) {
            scheduleFlush();
        }
    }

    private <K> void addCounting(DimensionPlan.Counted<P, K> counted) {
        Aggregation<P, K> aggregation = counted.aggregation();
        counting.add(new Counting<>(counting.size(), aggregation, counted.over(),
                new PartialBuffer<>(aggregation, MartSet.partialsTag(aggregation), allowedLatenessMillis),
                KeyEncoder.forType(aggregation.keyType().getTypeClass())));
    }

    private <A, R> void addHosted(DimensionPlan.Hosted<P, V, A, R> declared) throws Exception {
        KeyedMart<P, V, A, R> mart = declared.mart();
        mart.open(getKeyedStateStore(), getMetricGroup().addGroup("mart", mart.name()));
        ValueState<Long> pendingFlush = getPartitionedState(
                new ValueStateDescriptor<>(mart.name() + ".pendingFlush", Types.LONG));
        ValueState<Long> closeAt = getPartitionedState(new ValueStateDescriptor<>(mart.name() + ".closeAt", Types.LONG));
        hosted.add(new Hosted<>(1 + hosted.size(), mart, declared.rows(), pendingFlush, closeAt));
    }

    @Override
    @SuppressWarnings("unchecked")
    public void processElement(StreamRecord<ValueBatch<V>> element) throws Exception {
        ValueBatch<V> batch = element.getValue().decode();
        V key = (V) getCurrentKey();
        boolean ended = endingMart != null && endingMart.hasEnded(key);
        if (ended && batch.size > 0) {
            endedValueBatches.inc();
        } else if (batch.size > 0) {
            Memberships seen = memberships.value();
            if (seen == null) {
                seen = new Memberships();
            }
            boolean changed = false;
            for (int i = 0; i < batch.size; i++) {
                changed |= counting.get(batch.aggregations[i]).merge(batch.keyBytes, batch.keyStarts[i],
                        batch.keyLengths[i], batch.flags[i], seen);
            }
            if (changed) {
                memberships.update(seen);
            }
        }
        for (int j = 0; j < hosted.size(); j++) {
            Object partial = batch.martPartials[j];
            if (partial != null) {
                hosted.get(j).add(key, partial);
            }
        }
        if (++sinceSizeCheck >= 1024) {
            sinceSizeCheck = 0;
            int buffered = 0;
            for (Counting<?> aggregation : counting) {
                buffered += aggregation.buffer.size();
            }
            if (buffered > maxBufferedCounts) {
                flush();
            }
        }
    }

    @Override
    public void onEventTime(InternalTimer<V, Integer> timer) throws Exception {
        int part = timer.getNamespace();
        if (part == 0) {
            Memberships seen = memberships.value();
            if (seen != null) {
                if (seen.removeClosedAt(timer.getTimestamp())) {
                    memberships.update(seen);
                } else {
                    memberships.clear();
                }
            }
        } else {
            hosted.get(part - 1).close(timer.getKey(), timer.getTimestamp());
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<V, Integer> timer) throws Exception {
        int part = timer.getNamespace();
        if (part > 0) {
            hosted.get(part - 1).flush(timer.getKey());
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flushKeysClosedBy(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        flush();
    }

    @Override
    public void endInput() {
        flush();
    }

    /**
     * Drops the current value's memberships: its counts are already out, and its later batches are refused while
     * the ending mart says it has ended. Also deletes close timers that state of earlier builds registered per entry.
     */
    private void forgetMemberships() throws Exception {
        Memberships seen = memberships.value();
        if (seen == null) {
            return;
        }
        for (int i = 0; i < seen.size; i++) {
            timers.deleteEventTimeTimer(0, seen.closes[i]);
        }
        memberships.clear();
    }

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + flushIntervalMillis, time -> {
            flush();
            scheduleFlush();
        });
    }

    private void flush() {
        for (Counting<?> aggregation : counting) {
            aggregation.flush();
        }
    }

    private void flushKeysClosedBy(long watermark) {
        for (Counting<?> aggregation : counting) {
            if (aggregation.buffer.closesBy(watermark)) {
                aggregation.flush();
            }
        }
    }

    /**
     * One aggregation's distinct counts of this dimension: the entries it adds to a value's memberships, and the
     * changes to its counts buffered per key until the next flush.
     */
    private final class Counting<K> {
        private final int index;
        private final Aggregation<P, K> aggregation;
        private final DistinctCount[] counts;
        private final PartialBuffer<P, K> buffer;
        private final KeyEncoder encoder;
        /** The keys seen since the last flush, by their encoding: the key object, its close and its partial. */
        private final EncodedKeyMap<SeenKey<K>> byEncoding = new EncodedKeyMap<>();

        Counting(int index, Aggregation<P, K> aggregation, DistinctOver<P, ?> over, PartialBuffer<P, K> buffer,
                KeyEncoder encoder) {
            this.index = index;
            this.aggregation = aggregation;
            this.counts = over.counts().toArray(new DistinctCount[0]);
            this.buffer = buffer;
            this.encoder = encoder;
        }

        /**
         * Records that the value was seen in the key encoded in {@code key[from..from + length)} with {@code flags}
         * (the OR of some of its events' flags); returns whether {@code seen} changed.
         */
        boolean merge(byte[] key, int from, int length, int flags, Memberships seen) {
            int hash = Memberships.keyHash(key, from, length);
            byte[] own = key;
            int ownFrom = from;
            int ownLength = length;
            int ownHash = hash;
            if (seen.fixedWidthKeys) {
                // Memberships restored from layout-1 state keep that encoding: compare in it.
                encoded.reset(true);
                try {
                    encoder.encode(seenKey(key, from, length, hash).key, encoded);
                } catch (Throwable e) {
                    throw new IllegalStateException("Cannot encode a key of " + aggregation.name(), e);
                }
                own = encoded.bytes();
                ownFrom = 0;
                ownLength = encoded.length();
                ownHash = encoded.hash();
            }
            int entry = seen.find(index, own, ownFrom, ownLength, ownHash);
            int old = entry < 0 ? 0 : seen.flags[entry];
            int now = old | flags;
            if (now == old) {
                return false;
            }
            SeenKey<K> known = null;
            if (entry < 0) {
                known = seenKey(key, from, length, hash);
                seen.add(index, own, ownFrom, ownLength, ownHash, known.close, now);
                if (endingMart == null) {
                    // A value that ends drops all its entries then: no timer per close time needed.
                    try {
                        timers.registerEventTimeTimer(0, known.close);
                    } catch (Exception e) {
                        throw new IllegalStateException("Cannot register the close of " + known.key, e);
                    }
                }
            } else {
                seen.flags[entry] = now;
            }
            for (DistinctCount count : counts) {
                long delta = count.counted(now) - count.counted(old);
                if (delta != 0) {
                    if (known == null) {
                        known = seenKey(key, from, length, hash);
                    }
                    known.partial()[count.offset()] += delta;
                }
            }
            return true;
        }

        /** The key encoded in {@code key[from..from + length)} as seen since the last flush; read back when new. */
        private SeenKey<K> seenKey(byte[] key, int from, int length, int hash) {
            SeenKey<K> known = byEncoding.get(key, from, length, hash);
            if (known == null) {
                @SuppressWarnings("unchecked")
                K decoded = (K) encoder.decode(reader, key, from, length);
                known = new SeenKey<>(decoded, aggregation.closeTime(decoded, allowedLatenessMillis), buffer);
                byEncoding.put(key, from, length, hash, known);
            }
            return known;
        }

        /** Emits the buffered changes: the partials leave with the buffer, so the keys seen go too. */
        void flush() {
            buffer.flushTo(output);
            byEncoding.clear();
        }
    }

    /**
     * A key a {@link Counting} saw since its last flush: the key, when it closes and, once a count of it changes,
     * its partial in the buffer (a key whose counts did not change adds nothing to the buffer).
     */
    private static final class SeenKey<K> {
        final K key;
        final long close;
        private final PartialBuffer<?, K> buffer;
        private long[] partial;

        SeenKey(K key, long close, PartialBuffer<?, K> buffer) {
            this.key = key;
            this.close = close;
            this.buffer = buffer;
        }

        long[] partial() {
            if (partial == null) {
                partial = buffer.of(key, close);
            }
            return partial;
        }
    }

    /** A keyed mart with its flush and close timers. */
    private final class Hosted<A, R> {
        private final int namespace;
        private final KeyedMart<P, V, A, R> mart;
        private final OutputTag<R> rows;
        private final ValueState<Long> pendingFlush;
        private final ValueState<Long> closeAt;

        Hosted(int namespace, KeyedMart<P, V, A, R> mart, OutputTag<R> rows, ValueState<Long> pendingFlush,
                ValueState<Long> closeAt) {
            this.namespace = namespace;
            this.mart = mart;
            this.rows = rows;
            this.pendingFlush = pendingFlush;
            this.closeAt = closeAt;
        }

        @SuppressWarnings("unchecked")
        void add(V key, Object shipped) throws Exception {
            A partial = (A) shipped;
            if (!mart.accept(key, partial, deadLetters)) {
                return;
            }
            mart.add(key, partial);
            long close = mart.closeTime(key);
            Long registered = closeAt.value();
            if (registered == null || close > registered) {
                if (registered != null) {
                    timers.deleteEventTimeTimer(namespace, registered);
                }
                timers.registerEventTimeTimer(namespace, close);
                closeAt.update(close);
            }
            if (pendingFlush.value() == null) {
                long flushAt = timers.currentProcessingTime() + flushIntervalMillis;
                timers.registerProcessingTimeTimer(namespace, flushAt);
                pendingFlush.update(flushAt);
            }
        }

        void flush(V key) throws Exception {
            pendingFlush.clear();
            emit(key);
        }

        void close(V key, long time) throws Exception {
            Long registered = closeAt.value();
            if (registered == null || time < registered) {
                return; // a superseded close timer
            }
            emit(key);
            Long flushAt = pendingFlush.value();
            if (flushAt != null) {
                timers.deleteProcessingTimeTimer(namespace, flushAt);
            }
            mart.clear(key);
            pendingFlush.clear();
            closeAt.clear();
            if (this == endingMart) {
                forgetMemberships();
            }
        }

        boolean hasEnded(V key) throws Exception {
            return mart.hasEnded(key);
        }

        private void emit(V key) throws Exception {
            R row = mart.row(key);
            if (row != null) {
                output.collect(rows, new StreamRecord<>(row));
            }
        }
    }
}

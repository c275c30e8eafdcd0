package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The local half of local-global aggregation, in every subtask before any shuffle: computes each event's keys once
 * per aggregation, adds the event to the event measures (counts, sums, histograms, extremes) of every key, and
 * combines it per dimension value ({@link ValueCombiner}: the keys a user, a session, a product was seen in, and the
 * keyed marts' partials). It emits one partial record per key and flush on the aggregation's side output
 * ({@link MartSet#partialsTag}) and one {@link ValueBatch} per dimension value and flush on the dimension's side output
 * ({@link DimensionPlan#batchesTag}), so no event crosses the network. Events pass through unchanged (to the
 * freshness probe).
 *
 * <p>Buffers are flushed before a watermark that could close a buffered key is forwarded (so a key's partials always
 * reach its next stage before the watermark that closes the key), before each checkpoint barrier (so the buffers are
 * never state), at the end of input, every flush interval (when it is positive; a batch job passes 0), and whenever one
 * holds more than {@code maxBufferedKeys} keys or values.
 */
final class PreAggregateOperator<P> extends AbstractStreamOperator<P>
        implements OneInputStreamOperator<P, P>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final List<Aggregation<P, ?>> aggregations;
    private final List<DimensionPlan<P, ?>> dimensions;
    private final EventFunctions.ToLong<P> eventTime;
    private final long flushIntervalMillis;
    private final long allowedLatenessMillis;
    private final int maxBufferedKeys;

    private transient List<EventKeys<P, ?>> keys;
    private transient List<PartialBuffer<P, ?>> buffers;
    private transient List<ValueCombiner<P, ?>> combiners;
    private transient int sinceSizeCheck;

    /**
     * @param aggregations every aggregation: those with event measures get partial values here, those counted by a
     *     dimension get their keys collected for it
     * @param dimensions the dimensions whose values are combined here and shipped to their stages
     */
    PreAggregateOperator(List<Aggregation<P, ?>> aggregations, List<DimensionPlan<P, ?>> dimensions,
            EventFunctions.ToLong<P> eventTime, long flushIntervalMillis, long allowedLatenessMillis,
            int maxBufferedKeys) {
        this.aggregations = List.copyOf(aggregations);
        this.dimensions = List.copyOf(dimensions);
        this.eventTime = eventTime;
        this.flushIntervalMillis = flushIntervalMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.maxBufferedKeys = maxBufferedKeys;
    }

    /** Event measures only, no dimension (tests of the partial values). */
    PreAggregateOperator(List<Aggregation<P, ?>> aggregations, long flushIntervalMillis, long allowedLatenessMillis,
            int maxBufferedKeys) {
        this(aggregations, List.of(), event -> Long.MIN_VALUE, flushIntervalMillis, allowedLatenessMillis,
                maxBufferedKeys);
    }

    @Override
    public void open() throws Exception {
        super.open();
        Map<String, Aggregation<P, ?>> needed = new LinkedHashMap<>();
        for (Aggregation<P, ?> aggregation : aggregations) {
            needed.put(aggregation.name(), aggregation);
        }
        for (DimensionPlan<P, ?> dimension : dimensions) {
            dimension.counting().forEach(counted -> needed.putIfAbsent(counted.aggregation().name(),
                    counted.aggregation()));
        }
        keys = new ArrayList<>();
        buffers = new ArrayList<>();
        for (Aggregation<P, ?> aggregation : needed.values()) {
            keys.add(new EventKeys<>(aggregation));
            buffers.add(aggregation.hasEventMeasures() ? buffer(aggregation) : null);
        }
        combiners = new ArrayList<>();
        for (DimensionPlan<P, ?> dimension : dimensions) {
            combiners.add(new ValueCombiner<>(dimension, keys, allowedLatenessMillis));
        }
        if (flushIntervalMillis > 0) {
            scheduleFlush();
        }
    }

    private <K> PartialBuffer<P, K> buffer(Aggregation<P, K> aggregation) {
        return new PartialBuffer<>(aggregation, MartSet.partialsTag(aggregation), allowedLatenessMillis);
    }

    @Override
    public void processElement(StreamRecord<P> element) throws Exception {
        P event = element.getValue();
        for (int i = 0; i < keys.size(); i++) {
            EventKeys<P, ?> eventKeys = keys.get(i);
            eventKeys.collect(event);
            PartialBuffer<P, ?> buffer = buffers.get(i);
            if (buffer != null) {
                for (int k = 0; k < eventKeys.size(); k++) {
                    buffer.addEvent(eventKeys.key(k), event);
                }
            }
        }
        if (!combiners.isEmpty()) {
            long time = eventTime.of(event);
            for (ValueCombiner<P, ?> combiner : combiners) {
                combiner.add(event, time, keys);
            }
        }
        output.collect(element);
        if (++sinceSizeCheck >= 1024) {
            sinceSizeCheck = 0;
            flushFull();
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long time = mark.getTimestamp();
        for (PartialBuffer<P, ?> buffer : buffers) {
            if (buffer != null && buffer.closesBy(time)) {
                buffer.flushTo(output);
            }
        }
        for (ValueCombiner<P, ?> combiner : combiners) {
            if (combiner.closesBy(time)) {
                combiner.flushTo(output);
            }
        }
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

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + flushIntervalMillis, time -> {
            flush();
            scheduleFlush();
        });
    }

    /** Flushes each buffer that holds more than the bound. */
    private void flushFull() {
        for (PartialBuffer<P, ?> buffer : buffers) {
            if (buffer != null && buffer.size() > maxBufferedKeys) {
                buffer.flushTo(output);
            }
        }
        for (ValueCombiner<P, ?> combiner : combiners) {
            if (combiner.size() > maxBufferedKeys) {
                combiner.flushTo(output);
            }
        }
    }

    private void flush() {
        for (PartialBuffer<P, ?> buffer : buffers) {
            if (buffer != null) {
                buffer.flushTo(output);
            }
        }
        for (ValueCombiner<P, ?> combiner : combiners) {
            combiner.flushTo(output);
        }
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The local half of local-global aggregation: in every subtask, before any shuffle, adds each event to the event
 * measures (counts, sums, histograms, extremes) of every key of every aggregation, and emits one partial record
 * per key and flush on the aggregation's side output ({@link MartSet#partialsTag}). Events pass through unchanged
 * to the dimension stages.
 *
 * <p>Partials are flushed before a watermark that closes a buffered key is forwarded (so a key's partials always
 * reach its final stage before the watermark that closes the key), before each checkpoint barrier (so the buffer is
 * never state), at the end of input, every flush interval, and whenever more than {@code maxBufferedKeys} keys are
 * buffered.
 */
final class PreAggregateOperator<P> extends AbstractStreamOperator<P>
        implements OneInputStreamOperator<P, P>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final List<Aggregation<P, ?>> aggregations;
    private final long flushIntervalMillis;
    private final long allowedLatenessMillis;
    private final int maxBufferedKeys;

    private transient List<PartialBuffer<P, ?>> buffers;
    private transient List<PartialBuffer.EventAdder<P, ?>> adders;
    private transient int sinceSizeCheck;

    PreAggregateOperator(List<Aggregation<P, ?>> aggregations, long flushIntervalMillis, long allowedLatenessMillis,
            int maxBufferedKeys) {
        this.aggregations = List.copyOf(aggregations);
        this.flushIntervalMillis = flushIntervalMillis;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.maxBufferedKeys = maxBufferedKeys;
    }

    @Override
    public void open() throws Exception {
        super.open();
        buffers = new ArrayList<>();
        adders = new ArrayList<>();
        for (Aggregation<P, ?> aggregation : aggregations) {
            addBuffer(aggregation);
        }
        scheduleFlush();
    }

    private <K> void addBuffer(Aggregation<P, K> aggregation) {
        PartialBuffer<P, K> buffer = new PartialBuffer<>(aggregation, MartSet.partialsTag(aggregation),
                allowedLatenessMillis);
        buffers.add(buffer);
        adders.add(new PartialBuffer.EventAdder<>(buffer));
    }

    @Override
    public void processElement(StreamRecord<P> element) throws Exception {
        P event = element.getValue();
        for (PartialBuffer.EventAdder<P, ?> adder : adders) {
            adder.add(event);
        }
        output.collect(element);
        if (++sinceSizeCheck >= 1024) {
            sinceSizeCheck = 0;
            if (bufferedKeys() > maxBufferedKeys) {
                flush();
            }
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

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + flushIntervalMillis, time -> {
            flush();
            scheduleFlush();
        });
    }

    private int bufferedKeys() {
        int keys = 0;
        for (PartialBuffer<P, ?> buffer : buffers) {
            keys += buffer.size();
        }
        return keys;
    }

    private void flush() {
        for (PartialBuffer<P, ?> buffer : buffers) {
            buffer.flushTo(output);
        }
    }

    private void flushKeysClosedBy(long watermark) {
        for (PartialBuffer<P, ?> buffer : buffers) {
            if (buffer.closesBy(watermark)) {
                buffer.flushTo(output);
            }
        }
    }
}

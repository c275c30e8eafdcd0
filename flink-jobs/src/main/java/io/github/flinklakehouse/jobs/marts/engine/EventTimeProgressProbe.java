package io.github.flinklakehouse.jobs.marts.engine;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Watches the counted events without forwarding them: remembers the largest event time of this parallel
 * instance and reports it ({@link FreshnessSignal#progress}) just before each watermark and at end of input,
 * and only when it grew, so {@code pipeline_freshness} learns the max event time from a few records per
 * watermark interval instead of every event.
 *
 * <p>Reporting before forwarding the watermark means that when the final watermark reaches the freshness
 * operator, every instance's last report has already arrived. The maximum is not checkpointed: the freshness
 * operator keeps the overall maximum in its own state.
 */
final class EventTimeProgressProbe<P> extends AbstractStreamOperator<FreshnessSignal>
        implements OneInputStreamOperator<P, FreshnessSignal>, BoundedOneInput {

    private static final long serialVersionUID = 1L;

    private final EventFunctions.ToLong<P> eventTime;

    private transient long maxEventTime;
    private transient long reported;

    EventTimeProgressProbe(EventFunctions.ToLong<P> eventTime) {
        this.eventTime = eventTime;
    }

    @Override
    public void open() throws Exception {
        super.open();
        maxEventTime = Long.MIN_VALUE;
        reported = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<P> element) {
        maxEventTime = Math.max(maxEventTime, eventTime.of(element.getValue()));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        report();
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        report();
    }

    private void report() {
        if (maxEventTime > reported) {
            output.collect(new StreamRecord<>(FreshnessSignal.progress(maxEventTime)));
            reported = maxEventTime;
        }
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decides once, for every mart, whether an event still counts: it does while
 * {@code watermark < event_time + allowed lateness}; later events go to {@link #LATE_EVENTS}.
 *
 * <p>One decision for all marts keeps them consistent (a day's totals are the sum of its hours). Downstream
 * operators see a watermark no later than the one this operator saw when it let the event pass, so a mart
 * key that closes at or after {@code event_time + allowed lateness} is still open when the event arrives.
 * In BATCH mode the watermark is unknown here ({@code Long.MIN_VALUE}), so nothing is late.
 */
public final class OnTimeEvents extends ProcessFunction<IngestedClickEvent, IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    /** Side output of events that arrived after the allowed lateness. */
    public static final OutputTag<IngestedClickEvent> LATE_EVENTS = new OutputTag<>("clickstream-late-events") { };

    /** Metric counting late events. */
    public static final String METRIC_LATE_EVENTS = "lateEvents";

    private final long allowedLatenessMillis;

    private transient Counter lateEvents;

    public OnTimeEvents(Duration allowedLateness) {
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        lateEvents = getRuntimeContext().getMetricGroup().counter(METRIC_LATE_EVENTS);
    }

    @Override
    public void processElement(IngestedClickEvent value, Context context, Collector<IngestedClickEvent> out) {
        long watermark = context.timerService().currentWatermark();
        long eventTime = value.event().eventTime().toEpochMilli();
        if (watermark != Long.MIN_VALUE && eventTime + allowedLatenessMillis <= watermark) {
            lateEvents.inc();
            context.output(LATE_EVENTS, value);
        } else {
            out.collect(value);
        }
    }
}

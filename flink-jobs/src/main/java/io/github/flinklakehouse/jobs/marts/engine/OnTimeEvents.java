package io.github.flinklakehouse.jobs.marts.engine;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Decides once, for every mart of a pipeline, whether an event still counts: it does while
 * {@code watermark < event_time + allowed lateness}; later events go to {@link #lateEvents()}. A pipeline puts it
 * in front of {@link MartInputs}, chained (no shuffle), once per branch.
 *
 * <p>One decision for all marts keeps them consistent (a day's totals are the sum of its hours). Downstream
 * operators see a watermark no later than the one this operator saw when it let the event pass, so a mart
 * key that closes at or after {@code event_time + allowed lateness} is still open when the event arrives.
 * In BATCH mode the watermark is unknown here ({@code Long.MIN_VALUE}), so nothing is late.
 *
 * @param <T> the pipeline's event type
 */
public final class OnTimeEvents<T> extends ProcessFunction<T, T> {

    private static final long serialVersionUID = 1L;

    /** Metric counting late events. */
    public static final String METRIC_LATE_EVENTS = "lateEvents";

    private final long allowedLatenessMillis;
    private final EventFunctions.ToLong<T> eventTime;
    private final OutputTag<T> lateEvents;

    private transient Counter lateCounter;

    /**
     * @param allowedLateness how far behind the watermark an event may be and still count
     * @param eventTime the event's event time, epoch millis
     * @param type the event type (of the late events' side output)
     */
    public OnTimeEvents(Duration allowedLateness, EventFunctions.ToLong<T> eventTime, TypeInformation<T> type) {
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.eventTime = eventTime;
        this.lateEvents = lateEventsOf(type);
    }

    /** The side output of events that arrived after the allowed lateness (equal for every instance of one type). */
    public OutputTag<T> lateEvents() {
        return lateEvents;
    }

    /** The late events' side output of an {@code OnTimeEvents} of {@code type}. */
    public static <T> OutputTag<T> lateEventsOf(TypeInformation<T> type) {
        return new OutputTag<>("late-events", type);
    }

    @Override
    public void open(OpenContext openContext) {
        lateCounter = getRuntimeContext().getMetricGroup().counter(METRIC_LATE_EVENTS);
    }

    @Override
    public void processElement(T value, Context context, Collector<T> out) {
        long watermark = context.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE && eventTime.of(value) + allowedLatenessMillis <= watermark) {
            lateCounter.inc();
            context.output(lateEvents, value);
        } else {
            out.collect(value);
        }
    }
}

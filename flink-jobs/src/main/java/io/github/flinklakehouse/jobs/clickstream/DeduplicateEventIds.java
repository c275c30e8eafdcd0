package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Drops producer retries: an event whose {@code event_id} was already accepted within the dedupe horizon
 * becomes a {@code DUPLICATE_EVENT_ID} dead letter instead of reaching the raw table and the marts.
 *
 * <p>Keyed by {@link #KEY}. Events without {@code event_id} pass through untouched (two identical rows at
 * different source positions are two events). The verdict depends on event times only: a duplicate is an
 * event whose time lies within the horizon of the remembered first event with the same id. State per id is
 * one {@code long} (the first event time), cleared by an event-time timer at first time + horizon, so a
 * backfill in BATCH mode (where timers fire only at the end of a key) reaches the same verdicts as the stream.
 */
public final class DeduplicateEventIds extends KeyedProcessFunction<String, IngestedClickEvent, IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    /** Side output of dropped duplicates. */
    public static final OutputTag<DeadLetter> DUPLICATES = new OutputTag<>("clickstream-duplicate-event-ids") { };

    /**
     * The key: {@code id:<event_id>}, or for events without id their unique source position (no state is kept
     * for them; keying by position only spreads them evenly). {@link ClickstreamJob} routes id-less events around
     * this operator altogether, saving their shuffle.
     */
    public static final KeySelector<IngestedClickEvent, String> KEY = e -> e.event().eventId() != null
            ? idKey(e.event().eventId())
            : "position:" + e.source() + ":" + e.sourcePosition();

    /** The key of events with {@code eventId}. */
    public static String idKey(String eventId) {
        return "id:" + eventId;
    }

    private final long horizonMillis;

    private transient ValueState<Long> firstEventTime;
    private transient RejectMetrics rejected;

    public DeduplicateEventIds(Duration horizon) {
        if (horizon.isNegative() || horizon.isZero()) {
            throw new IllegalArgumentException("horizon must be > 0, was " + horizon);
        }
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        firstEventTime = getRuntimeContext().getState(new ValueStateDescriptor<>("firstEventTime", Types.LONG));
        rejected = RejectMetrics.register(getRuntimeContext().getMetricGroup());
    }

    @Override
    public void processElement(IngestedClickEvent value, Context context, Collector<IngestedClickEvent> out)
            throws Exception {
        if (value.event().eventId() == null) {
            out.collect(value);
            return;
        }
        long eventTime = value.event().eventTime().toEpochMilli();
        Long first = firstEventTime.value();
        if (first != null && Math.abs(eventTime - first) <= horizonMillis) {
            rejected.count(RejectReason.DUPLICATE_EVENT_ID);
            context.output(DUPLICATES, new DeadLetter(RejectReason.DUPLICATE_EVENT_ID.name(),
                    "event_id " + value.event().eventId() + " was already accepted for an event at "
                            + Instant.ofEpochMilli(first) + " (within the dedupe horizon "
                            + Duration.ofMillis(horizonMillis) + ")",
                    JsonEventEncoder.encode(value.event()), value.source(), value.sourcePosition(), value.ingestedAt()));
            return;
        }
        if (first != null) {
            // Beyond the horizon of the remembered event (a backfill sees it before the timer fires): a new first.
            context.timerService().deleteEventTimeTimer(first + horizonMillis);
        }
        firstEventTime.update(eventTime);
        context.timerService().registerEventTimeTimer(eventTime + horizonMillis);
        out.collect(value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<IngestedClickEvent> out) throws Exception {
        firstEventTime.clear();
    }
}

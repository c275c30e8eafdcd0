package io.github.flinklakehouse.jobs.clickstream;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keeps the totals of one UTC hour (the key: hour start in epoch millis) and emits its absolute
 * {@link TrafficHourlyRow}.
 *
 * <ul>
 *   <li>While the hour is open, a changed ("dirty") hour is emitted at most once per flush interval
 *       (a processing-time timer), so dashboards see an open hour within seconds. Only the emission
 *       cadence uses processing time; the numbers themselves depend on event time only.</li>
 *   <li>When the watermark passes hour end + allowed lateness (an event-time timer), the final row is
 *       emitted and all state of the hour is cleared.</li>
 *   <li>An event for an hour already closed goes to {@link #LATE_EVENTS}; the row is never overwritten
 *       with a partial count.</li>
 * </ul>
 */
public final class TrafficHourlyFunction extends KeyedProcessFunction<Long, IngestedClickEvent, TrafficHourlyRow> {

    private static final long serialVersionUID = 1L;

    /** Side output of events whose hour was already closed. */
    public static final OutputTag<IngestedClickEvent> LATE_EVENTS = new OutputTag<>("clickstream-late-events") { };

    /** Metric counting late events. */
    public static final String METRIC_LATE_EVENTS = "lateEvents";

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final long allowedLatenessMillis;
    private final long flushIntervalMillis;

    private transient ValueState<HourTotals> totals;
    private transient MapState<Long, Boolean> users;
    private transient MapState<String, Boolean> sessions;
    private transient ValueState<Long> pendingFlush;
    private transient Counter lateEvents;

    public TrafficHourlyFunction(Duration allowedLateness, Duration flushInterval) {
        if (allowedLateness.isNegative() || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0 and flushInterval > 0");
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.flushIntervalMillis = flushInterval.toMillis();
    }

    /** Returns the key of the hour containing {@code eventTime}: the hour's start in epoch millis. */
    public static long hourOf(Instant eventTime) {
        return Math.floorDiv(eventTime.toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
    }

    @Override
    public void open(OpenContext openContext) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", HourTotals.class));
        users = getRuntimeContext().getMapState(new MapStateDescriptor<>("users", Types.LONG, Types.BOOLEAN));
        sessions = getRuntimeContext().getMapState(new MapStateDescriptor<>("sessions", Types.STRING, Types.BOOLEAN));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pendingFlush", Types.LONG));
        lateEvents = getRuntimeContext().getMetricGroup().counter(METRIC_LATE_EVENTS);
    }

    @Override
    public void processElement(IngestedClickEvent value, Context context, Collector<TrafficHourlyRow> out)
            throws Exception {
        long hourStart = context.getCurrentKey();
        long closeAt = closeTime(hourStart);
        if (context.timerService().currentWatermark() >= closeAt) {
            lateEvents.inc();
            context.output(LATE_EVENTS, value);
            return;
        }
        HourTotals current = totals.value();
        if (current == null) {
            current = new HourTotals();
            context.timerService().registerEventTimeTimer(closeAt);
        }
        ClickEvent event = value.event();
        current.add(event);
        if (!users.contains(event.userId())) {
            users.put(event.userId(), Boolean.TRUE);
            current.uniqueUsers++;
        }
        if (!sessions.contains(event.userSession())) {
            sessions.put(event.userSession(), Boolean.TRUE);
            current.uniqueSessions++;
        }
        totals.update(current);
        if (pendingFlush.value() == null) {
            long flushAt = context.timerService().currentProcessingTime() + flushIntervalMillis;
            context.timerService().registerProcessingTimeTimer(flushAt);
            pendingFlush.update(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<TrafficHourlyRow> out) throws Exception {
        HourTotals current = totals.value();
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            if (current != null) {
                out.collect(row(context.getCurrentKey(), current));
            }
            return;
        }
        if (current != null) {
            out.collect(row(context.getCurrentKey(), current));
        }
        Long flushAt = pendingFlush.value();
        if (flushAt != null) {
            context.timerService().deleteProcessingTimeTimer(flushAt);
        }
        totals.clear();
        users.clear();
        sessions.clear();
        pendingFlush.clear();
    }

    private long closeTime(long hourStart) {
        return hourStart + HOUR_MILLIS - 1 + allowedLatenessMillis;
    }

    private static TrafficHourlyRow row(long hourStart, HourTotals totals) {
        return new TrafficHourlyRow(Instant.ofEpochMilli(hourStart), totals.events, totals.views, totals.carts,
                totals.purchases, totals.uniqueUsers, totals.uniqueSessions, totals.revenue);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Base of the keyed mart operators: keeps the state of one mart key (an hour, a day, a session...), emits its
 * absolute row early and often, and clears it once the row is final.
 *
 * <ul>
 *   <li>While the key is open, a changed key is emitted at most once per flush interval (a processing-time
 *       timer), so dashboards see an open period within seconds. Only the emission cadence uses processing
 *       time; the numbers depend on event time only.</li>
 *   <li>When the watermark reaches {@link #closeTime} (an event-time timer, moved forward when a later event
 *       extends the key), the final row is emitted and the key's state cleared.</li>
 * </ul>
 *
 * <p>Events reach this operator only through the late-event filter ({@code OnTimeEvents}): an event counts
 * only while {@code watermark < event_time + allowed lateness}, and a key closes no earlier than
 * {@code last event time + allowed lateness}, so no counted event ever finds its key closed. In BATCH mode
 * processing-time timers never fire and each key emits once, at the end of input.
 *
 * @param <K> key type
 * @param <R> row type
 */
public abstract class EventTimeMartFunction<K, R> extends KeyedProcessFunction<K, IngestedClickEvent, R> {

    private static final long serialVersionUID = 1L;

    private final long flushIntervalMillis;

    private transient ValueState<Long> pendingFlush;
    private transient ValueState<Long> closeAt;

    protected EventTimeMartFunction(Duration flushInterval) {
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be > 0, was " + flushInterval);
        }
        this.flushIntervalMillis = flushInterval.toMillis();
    }

    /** Registers the subclass's state. */
    protected abstract void openState(RuntimeContext context) throws Exception;

    /** Adds {@code event} to the state of {@code key}. */
    protected abstract void add(K key, ClickEvent event) throws Exception;

    /**
     * Event time at which the row of {@code key} is final, given that {@code event} was just added; never
     * earlier than {@code event time + allowed lateness}. May grow with later events (sessions).
     */
    protected abstract long closeTime(K key, ClickEvent event) throws Exception;

    /** Emits the current absolute row(s) of {@code key}; nothing when the key has no state. */
    protected abstract void emit(K key, Collector<R> out) throws Exception;

    /** Clears all state of the current key. */
    protected abstract void clearState() throws Exception;

    /**
     * Whether {@code value} may still be added to its key. A subclass that refuses an event (e.g. one for a
     * session whose row is already final) must record it itself, e.g. as a dead letter on a side output of
     * {@code context}. Default: every event is accepted.
     */
    protected boolean accept(K key, IngestedClickEvent value, Context context) throws Exception {
        return true;
    }

    @Override
    public final void open(OpenContext openContext) throws Exception {
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pendingFlush", Types.LONG));
        closeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("closeAt", Types.LONG));
        openState(getRuntimeContext());
    }

    @Override
    public final void processElement(IngestedClickEvent value, Context context, Collector<R> out) throws Exception {
        K key = context.getCurrentKey();
        if (!accept(key, value, context)) {
            return;
        }
        add(key, value.event());
        long close = closeTime(key, value.event());
        Long registeredClose = closeAt.value();
        if (registeredClose == null || close > registeredClose) {
            if (registeredClose != null) {
                context.timerService().deleteEventTimeTimer(registeredClose);
            }
            context.timerService().registerEventTimeTimer(close);
            closeAt.update(close);
        }
        if (pendingFlush.value() == null) {
            long flushAt = context.timerService().currentProcessingTime() + flushIntervalMillis;
            context.timerService().registerProcessingTimeTimer(flushAt);
            pendingFlush.update(flushAt);
        }
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext context, Collector<R> out) throws Exception {
        K key = context.getCurrentKey();
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            emit(key, out);
            return;
        }
        Long registeredClose = closeAt.value();
        if (registeredClose != null && timestamp < registeredClose) {
            return; // a superseded close timer that could not be deleted in time
        }
        emit(key, out);
        Long flushAt = pendingFlush.value();
        if (flushAt != null) {
            context.timerService().deleteProcessingTimeTimer(flushAt);
        }
        clearState();
        pendingFlush.clear();
        closeAt.clear();
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The global half of an {@link Aggregation}: keyed by the aggregation's key, merges the partial values from the
 * pre-aggregation and the dimension stages into the key's absolute values, and emits the key's row.
 *
 * <ul>
 *   <li>While the key is open, a changed key's row is emitted at most once per flush interval (processing-time
 *       timer), so dashboards see an open period within seconds.</li>
 *   <li>When the watermark reaches {@code period end - 1 ms + allowed lateness} (an event-time timer), the final row
 *       is emitted and the key's state cleared. Every partial of the key arrives before that watermark: the late
 *       filter lets an event count only while {@code watermark < event time + allowed lateness}, and every stage
 *       flushes its partials before it forwards a watermark.</li>
 *   <li>In BATCH mode processing-time timers never fire and each key emits once, at the end of its input.</li>
 *   <li>A partial that would overflow a 64-bit sum of the key is refused, not merged: one dead letter
 *       ({@value MartSet#SUM_OVERFLOW}) on {@link MartSet#overflowTag} names the key and the refused values; the key's
 *       sums and counts keep what they had (distinct counts, merged from the dimension stage's own partials, still
 *       include the events), and the events are in the pipeline's raw table.</li>
 * </ul>
 */
final class FinalAggregateFunction<K, R> extends KeyedProcessFunction<K, Tuple2<K, long[]>, R> {

    private static final long serialVersionUID = 1L;

    private final Aggregation<?, K> aggregation;
    private final EventFunctions.RowOf<K, R> row;
    private final long allowedLatenessMillis;
    private final long flushIntervalMillis;

    private transient ValueState<long[]> values;
    private transient ValueState<Long> pendingFlush;

    FinalAggregateFunction(Aggregation<?, K> aggregation, EventFunctions.RowOf<K, R> row, long allowedLatenessMillis,
            long flushIntervalMillis) {
        this.aggregation = Objects.requireNonNull(aggregation, "aggregation");
        this.row = Objects.requireNonNull(row, "row");
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        // State names are part of the savepoint format: keep them.
        values = getRuntimeContext().getState(
                new ValueStateDescriptor<>("values", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pendingFlush", Types.LONG));
    }

    @Override
    public void processElement(Tuple2<K, long[]> partial, Context context, Collector<R> out) throws Exception {
        long[] current = values.value();
        if (current == null) {
            current = aggregation.newValues();
            // A key's close time is fixed, so one timer per key, registered with its first partial.
            context.timerService().registerEventTimeTimer(aggregation.closeTime(partial.f0, allowedLatenessMillis));
        }
        if (!aggregation.merge(current, partial.f1)) {
            context.output(MartSet.overflowTag(aggregation), overflow(partial));
            if (values.value() == null) {
                values.update(current);
            }
            return;
        }
        values.update(current);
        if (pendingFlush.value() == null) {
            long flushAt = context.timerService().currentProcessingTime() + flushIntervalMillis;
            context.timerService().registerProcessingTimeTimer(flushAt);
            pendingFlush.update(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<R> out) throws Exception {
        K key = context.getCurrentKey();
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            emit(key, out);
            return;
        }
        emit(key, out);
        Long flushAt = pendingFlush.value();
        if (flushAt != null) {
            context.timerService().deleteProcessingTimeTimer(flushAt);
        }
        values.clear();
        pendingFlush.clear();
    }

    private DeadLetter overflow(Tuple2<K, long[]> partial) {
        String values = Arrays.toString(partial.f1);
        return new DeadLetter(MartSet.SUM_OVERFLOW,
                "Partial values " + values + " of key " + partial.f0 + " of " + aggregation.name()
                        + " would overflow a 64-bit sum of the key; not counted (the events are in the raw table)",
                values.getBytes(StandardCharsets.UTF_8), "mart:" + aggregation.name(), String.valueOf(partial.f0),
                Instant.now());
    }

    private void emit(K key, Collector<R> out) throws Exception {
        long[] current = values.value();
        if (current != null) {
            R emitted = row.of(key, current);
            if (emitted != null) {
                out.collect(emitted);
            }
        }
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage of a {@link Rollup}: keyed by the group, it receives the absolute values of the aggregation's keys from
 * the aggregation's final stage and writes the group's row.
 *
 * <ul>
 *   <li>An open key's latest values replace its earlier ones ({@code openKeys}); when the watermark reaches the key's
 *       close time (an event-time timer), the final stage has already sent its final values, so they are merged into
 *       the group's {@code closedTotals} and the key is forgotten.</li>
 *   <li>A changed group is emitted at most once per flush interval (processing-time timer) and when a key closes;
 *       in BATCH mode processing-time timers never fire and every key closes at the end of input.</li>
 *   <li>A key whose values would overflow a 64-bit sum of the group's totals stays open and out of the totals; it is
 *       counted ({@value #METRIC_OVERFLOWS}) and logged, never silently merged wrong.</li>
 * </ul>
 */
final class RollupFunction<K, G, R> extends KeyedProcessFunction<G, Tuple2<K, long[]>, R> {

    private static final long serialVersionUID = 1L;

    private final Aggregation<?, K> aggregation;
    private final Rollup<K, G, R> rollup;
    private final long allowedLatenessMillis;
    private final long flushIntervalMillis;

    private transient MapState<K, long[]> openKeys;
    /** The merged values of the closed keys. */
    private transient ValueState<long[]> closedTotals;
    private transient ValueState<Long> closedKeys;
    private transient ValueState<Long> pendingFlush;

    RollupFunction(Aggregation<?, K> aggregation, Rollup<K, G, R> rollup, long allowedLatenessMillis,
            long flushIntervalMillis) {
        this.aggregation = aggregation;
        this.rollup = rollup;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    /** Keys left out of a group's totals because they would overflow a sum. */
    static final String METRIC_OVERFLOWS = "rollupOverflows";
    private static final Logger LOG = LoggerFactory.getLogger(RollupFunction.class);

    private transient Counter overflows;

    @Override
    public void open(OpenContext openContext) {
        overflows = getRuntimeContext().getMetricGroup().counter(METRIC_OVERFLOWS);
        // State names are part of the savepoint format: keep them.
        openKeys = getRuntimeContext().getMapState(new MapStateDescriptor<>("openKeys", aggregation.keyType(),
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        closedTotals = getRuntimeContext().getState(
                new ValueStateDescriptor<>("closedTotals", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        closedKeys = getRuntimeContext().getState(new ValueStateDescriptor<>("closedKeys", Types.LONG));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pendingFlush", Types.LONG));
    }

    @Override
    public void processElement(Tuple2<K, long[]> keyValues, Context context, Collector<R> out) throws Exception {
        openKeys.put(keyValues.f0, keyValues.f1);
        // Registering the same timer again is a no-op, so every update may do it.
        context.timerService().registerEventTimeTimer(aggregation.closeTime(keyValues.f0, allowedLatenessMillis));
        if (pendingFlush.value() == null) {
            long flushAt = context.timerService().currentProcessingTime() + flushIntervalMillis;
            context.timerService().registerProcessingTimeTimer(flushAt);
            pendingFlush.update(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<R> out) throws Exception {
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            emit(context.getCurrentKey(), out);
            return;
        }
        foldKeysClosedBy(timestamp);
        Long flushAt = pendingFlush.value();
        if (flushAt != null) {
            context.timerService().deleteProcessingTimeTimer(flushAt);
            pendingFlush.clear();
            emit(context.getCurrentKey(), out);
        }
    }

    private void foldKeysClosedBy(long watermark) throws Exception {
        long[] closed = closedTotals.value();
        List<K> folded = new ArrayList<>();
        for (Map.Entry<K, long[]> open : openKeys.entries()) {
            if (aggregation.closeTime(open.getKey(), allowedLatenessMillis) <= watermark) {
                if (closed == null) {
                    closed = aggregation.newValues();
                }
                if (aggregation.merge(closed, open.getValue())) {
                    folded.add(open.getKey());
                } else {
                    overflow(open.getKey());
                }
            }
        }
        for (K key : folded) {
            openKeys.remove(key);
        }
        if (!folded.isEmpty()) {
            closedTotals.update(closed);
            closedKeys.update(closedKeyCount() + folded.size());
        }
    }

    private void overflow(K key) {
        overflows.inc();
        LOG.warn("Key {} of {} would overflow a 64-bit sum of its group's totals; left out of the {} row",
                key, aggregation.name(), rollup);
    }

    private void emit(G group, Collector<R> out) throws Exception {
        long[] closed = closedTotals.value();
        long[] totals = closed == null ? aggregation.newValues() : closed.clone();
        long keys = closedKeyCount();
        for (Map.Entry<K, long[]> open : openKeys.entries()) {
            if (aggregation.merge(totals, open.getValue())) {
                keys++;
            } else {
                overflow(open.getKey());
            }
        }
        if (keys > 0) {
            R row = rollup.row().of(group, keys, totals);
            if (row != null) {
                out.collect(row);
            }
        }
    }

    private long closedKeyCount() throws Exception {
        Long count = closedKeys.value();
        return count == null ? 0 : count;
    }
}

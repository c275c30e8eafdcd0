package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The stage of a {@link Trailing}: keyed by the group, it keeps the latest absolute entry of every period of the group
 * and writes each entry's row from the entries {@code 1..periods} steps before it.
 *
 * <ul>
 *   <li>An entry (early or final, from the aggregation's final stage) replaces the period's earlier one, and its row
 *       is emitted at once: the final stage already limits its entries to one per key and flush interval.</li>
 *   <li>The rows of the group's entries {@code 1..periods} steps after it are emitted again, since their history
 *       changed (entries of a BATCH run arrive in any order).</li>
 *   <li>An entry is kept until the watermark passes the close time of the last period that looks back at it
 *       ({@code periodEnd + periods * step - 1 ms + allowed lateness}, an event-time timer), then forgotten; in BATCH
 *       mode every timer fires at the end of input.</li>
 * </ul>
 */
final class TrailingFunction<I, G, R> extends KeyedProcessFunction<G, I, R> {

    private static final long serialVersionUID = 1L;

    private final Trailing<I, G, R> trailing;
    private final TypeInformation<I> entryType;
    private final long allowedLatenessMillis;

    private transient MapState<Long, I> byTime;

    TrailingFunction(Trailing<I, G, R> trailing, TypeInformation<I> entryType, long allowedLatenessMillis) {
        this.trailing = trailing;
        this.entryType = entryType;
        this.allowedLatenessMillis = allowedLatenessMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        // State names are part of the savepoint format: keep them.
        byTime = getRuntimeContext().getMapState(new MapStateDescriptor<>("byTime", Types.LONG, entryType));
    }

    @Override
    public void processElement(I entry, Context context, Collector<R> out) throws Exception {
        long time = trailing.time().of(entry);
        byTime.put(time, entry);
        // Registering the same timer again is a no-op, so every entry may do it.
        context.timerService().registerEventTimeTimer(forgetAt(entry));
        emit(entry, out);
        for (int k = 1; k <= trailing.periods(); k++) {
            I later = byTime.get(time + k * trailing.step());
            if (later != null) {
                emit(later, out);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<R> out) throws Exception {
        List<Long> forgotten = new ArrayList<>();
        for (Map.Entry<Long, I> kept : byTime.entries()) {
            if (forgetAt(kept.getValue()) <= timestamp) {
                forgotten.add(kept.getKey());
            }
        }
        for (Long time : forgotten) {
            byTime.remove(time);
        }
    }

    private long forgetAt(I entry) {
        long lastEnd = trailing.periodEnd().of(entry) + trailing.periods() * trailing.step();
        return lastEnd - 1 > Long.MAX_VALUE - allowedLatenessMillis ? Long.MAX_VALUE
                : lastEnd - 1 + allowedLatenessMillis;
    }

    private void emit(I entry, Collector<R> out) throws Exception {
        long time = trailing.time().of(entry);
        List<I> earlier = new ArrayList<>(trailing.periods());
        for (int k = 1; k <= trailing.periods(); k++) {
            earlier.add(byTime.get(time - k * trailing.step()));
        }
        R row = trailing.row().of(entry, earlier);
        if (row != null) {
            out.collect(row);
        }
    }
}

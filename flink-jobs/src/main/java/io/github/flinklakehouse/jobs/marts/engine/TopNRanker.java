package io.github.flinklakehouse.jobs.marts.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Ranks the entries of one group ({@link TopN}): keyed by the group, it holds the latest absolute entry of every
 * entity of the group and emits the group's top N rows, ranked 1..N.
 *
 * <p>Like {@link FinalAggregateFunction}: a changed group is emitted at most once per flush interval
 * (processing-time timer) and finally when the watermark reaches the group's close time (event-time timer), after
 * which its state is cleared. The aggregation feeding it closes the same period at the same watermark and emits its
 * final entries before forwarding that watermark, so they arrive before this close fires.
 */
final class TopNRanker<I, G, E, R> extends KeyedProcessFunction<G, I, R> {

    private static final long serialVersionUID = 1L;

    private final TopN<I, G, E, R> topN;
    private final TypeInformation<I> entryType;
    private final long allowedLatenessMillis;
    private final long flushIntervalMillis;

    private transient MapState<E, I> latestByEntity;
    private transient ValueState<Long> pendingFlush;

    TopNRanker(TopN<I, G, E, R> topN, TypeInformation<I> entryType, long allowedLatenessMillis,
            long flushIntervalMillis) {
        this.topN = topN;
        this.entryType = entryType;
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.flushIntervalMillis = flushIntervalMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        latestByEntity = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("latestByEntity", topN.entityType(), entryType));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pendingFlush", Types.LONG));
    }

    @Override
    public void processElement(I entry, Context context, Collector<R> out) throws Exception {
        latestByEntity.put(topN.entity().getKey(entry), entry);
        // Registering the same timer again is a no-op, so every entry may do it.
        context.timerService().registerEventTimeTimer(closeTime(context.getCurrentKey()));
        if (pendingFlush.value() == null) {
            long flushAt = context.timerService().currentProcessingTime() + flushIntervalMillis;
            context.timerService().registerProcessingTimeTimer(flushAt);
            pendingFlush.update(flushAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<R> out) throws Exception {
        G group = context.getCurrentKey();
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            emitTopN(group, out);
            return;
        }
        emitTopN(group, out);
        Long flushAt = pendingFlush.value();
        if (flushAt != null) {
            context.timerService().deleteProcessingTimeTimer(flushAt);
        }
        latestByEntity.clear();
        pendingFlush.clear();
    }

    private long closeTime(G group) {
        long end = topN.periodEnd().of(group);
        return end - 1 > Long.MAX_VALUE - allowedLatenessMillis ? Long.MAX_VALUE : end - 1 + allowedLatenessMillis;
    }

    private void emitTopN(G group, Collector<R> out) throws Exception {
        // A heap of the N best so far, worst on top, so a large group costs O(entities * log N).
        Comparator<I> ranking = topN.ranking()::compare;
        PriorityQueue<I> best = new PriorityQueue<>(topN.n() + 1, ranking.reversed());
        for (I entry : latestByEntity.values()) {
            best.add(entry);
            if (best.size() > topN.n()) {
                best.poll();
            }
        }
        List<I> ranked = new ArrayList<>(best);
        ranked.sort(ranking);
        for (int i = 0; i < ranked.size(); i++) {
            out.collect(topN.row().of(group, i + 1, ranked.get(i)));
        }
    }
}

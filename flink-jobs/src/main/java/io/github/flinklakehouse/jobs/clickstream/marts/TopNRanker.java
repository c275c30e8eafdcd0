package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Duration;
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
 * Base of the top-N mart operators: keyed by a period (a day, a window end), it holds the latest absolute
 * entry of every product of the period and emits the period's top N rows, ranked 1..N.
 *
 * <p>Like {@link EventTimeMartFunction}: a changed period is emitted at most once per flush interval
 * (processing-time timer) and finally when the watermark reaches {@link #closeTime} (event-time timer), after
 * which its state is cleared. The upstream operator closes the same period at the same watermark, so its final
 * entries arrive before this close fires.
 *
 * @param <I> entry type: the absolute numbers of one product in one period
 * @param <R> row type
 */
public abstract class TopNRanker<I, R> extends KeyedProcessFunction<Long, I, R> {

    private static final long serialVersionUID = 1L;

    private final int topN;
    private final long flushIntervalMillis;
    private final TypeInformation<I> entryType;

    private transient MapState<Long, I> latestByProduct;
    private transient ValueState<Long> pendingFlush;

    protected TopNRanker(int topN, Duration flushInterval, TypeInformation<I> entryType) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, was " + topN);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be > 0, was " + flushInterval);
        }
        this.topN = topN;
        this.flushIntervalMillis = flushInterval.toMillis();
        this.entryType = entryType;
    }

    /** The product an entry belongs to. */
    protected abstract long productOf(I entry);

    /** The ranking: negative when {@code a} ranks before {@code b}; must be a total order. */
    protected abstract int compare(I a, I b);

    /** Event time at which the period {@code key} is final. */
    protected abstract long closeTime(long key);

    /** The row of {@code entry} at {@code rank} (1-based) in period {@code key}. */
    protected abstract R row(long key, int rank, I entry);

    @Override
    public final void open(OpenContext openContext) {
        latestByProduct = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("latestByProduct", Types.LONG, entryType));
        pendingFlush = getRuntimeContext().getState(new ValueStateDescriptor<>("pendingFlush", Types.LONG));
    }

    @Override
    public final void processElement(I entry, Context context, Collector<R> out) throws Exception {
        latestByProduct.put(productOf(entry), entry);
        // Registering the same timer again is a no-op, so every entry may do it.
        context.timerService().registerEventTimeTimer(closeTime(context.getCurrentKey()));
        if (pendingFlush.value() == null) {
            long flushAt = context.timerService().currentProcessingTime() + flushIntervalMillis;
            context.timerService().registerProcessingTimeTimer(flushAt);
            pendingFlush.update(flushAt);
        }
    }

    @Override
    public final void onTimer(long timestamp, OnTimerContext context, Collector<R> out) throws Exception {
        long key = context.getCurrentKey();
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            pendingFlush.clear();
            emitTopN(key, out);
            return;
        }
        emitTopN(key, out);
        Long flushAt = pendingFlush.value();
        if (flushAt != null) {
            context.timerService().deleteProcessingTimeTimer(flushAt);
        }
        latestByProduct.clear();
        pendingFlush.clear();
    }

    private void emitTopN(long key, Collector<R> out) throws Exception {
        // A heap of the N best so far, worst on top, so a large period costs O(products * log N).
        Comparator<I> ranking = this::compare;
        PriorityQueue<I> best = new PriorityQueue<>(topN + 1, ranking.reversed());
        for (I entry : latestByProduct.values()) {
            best.add(entry);
            if (best.size() > topN) {
                best.poll();
            }
        }
        List<I> ranked = new ArrayList<>(best);
        ranked.sort(ranking);
        for (int i = 0; i < ranked.size(); i++) {
            out.collect(row(key, i + 1, ranked.get(i)));
        }
    }
}

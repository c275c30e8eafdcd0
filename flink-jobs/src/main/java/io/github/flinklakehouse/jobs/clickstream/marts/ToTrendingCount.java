package io.github.flinklakehouse.jobs.clickstream.marts;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Labels the cart count of one product's window with the window end, for the ranker keyed by window end. */
public final class ToTrendingCount extends ProcessWindowFunction<Long, TrendingCount, Long, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(Long productId, Context context, Iterable<Long> counts, Collector<TrendingCount> out) {
        for (Long carts : counts) {
            out.collect(new TrendingCount(context.window().getEnd(), productId, carts));
        }
    }
}

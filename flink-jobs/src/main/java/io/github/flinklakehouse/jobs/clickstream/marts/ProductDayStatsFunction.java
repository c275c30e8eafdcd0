package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.util.Collector;

/**
 * Counts one product on one UTC day (the key: day start in epoch millis, product id) and emits its absolute
 * {@link ProductDayStats} once it has a view (only viewed products are ranked); final at day end + allowed
 * lateness.
 */
public final class ProductDayStatsFunction extends EventTimeMartFunction<Tuple2<Long, Long>, ProductDayStats> {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;

    private transient ValueState<ProductDayTotals> totals;
    private transient DistinctValues<String> sessions;

    public ProductDayStatsFunction(Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** Returns the key of {@code event}: (UTC day start, product id). */
    public static Tuple2<Long, Long> keyOf(ClickEvent event) {
        return Tuple2.of(UtcPeriod.DAY.startOf(event.eventTime()), event.productId());
    }

    @Override
    protected void openState(RuntimeContext context) {
        totals = context.getState(new ValueStateDescriptor<>("totals", ProductDayTotals.class));
        sessions = new DistinctValues<>(context, "sessions", Types.STRING);
    }

    @Override
    protected void add(Tuple2<Long, Long> key, ClickEvent event) throws Exception {
        ProductDayTotals current = totals.value();
        if (current == null) {
            current = new ProductDayTotals();
        }
        current.add(event);
        if (sessions.add(event.userSession())) {
            current.uniqueSessions++;
        }
        totals.update(current);
    }

    @Override
    protected long closeTime(Tuple2<Long, Long> key, ClickEvent event) {
        return UtcPeriod.DAY.endOf(key.f0) - 1 + allowedLatenessMillis;
    }

    @Override
    protected void emit(Tuple2<Long, Long> key, Collector<ProductDayStats> out) throws Exception {
        ProductDayTotals current = totals.value();
        if (current != null && current.views > 0) {
            out.collect(new ProductDayStats(key.f0, key.f1, current.views, current.uniqueSessions, current.carts,
                    current.purchases));
        }
    }

    @Override
    protected void clearState() {
        totals.clear();
        sessions.clear();
    }
}

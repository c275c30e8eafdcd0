package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Keeps the traffic totals of one fixed-length UTC period (the key: period start in epoch millis) with exact
 * distinct users, sessions and products, and emits its absolute row; the period is final when the watermark
 * passes period end + allowed lateness. The hourly and daily traffic marts differ only in period length,
 * totals class and row.
 *
 * @param <T> the totals kept in state
 * @param <R> the row emitted
 */
abstract class TrafficTotalsFunction<T extends HourTotals, R> extends EventTimeMartFunction<Long, R> {

    private static final long serialVersionUID = 1L;

    private final Class<T> totalsType;
    private final long periodMillis;
    private final long allowedLatenessMillis;

    private transient ValueState<T> totals;
    private transient DistinctValues<Long> users;
    private transient DistinctValues<String> sessions;
    private transient DistinctValues<Long> products;

    TrafficTotalsFunction(Class<T> totalsType, Duration period, Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.totalsType = totalsType;
        this.periodMillis = period.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** New, empty totals of a period. */
    protected abstract T newTotals();

    /** The absolute row of the period starting at {@code periodStart}. */
    protected abstract R row(long periodStart, T totals);

    @Override
    protected final void openState(RuntimeContext context) {
        // State names are part of the savepoint format: keep them.
        totals = context.getState(new ValueStateDescriptor<>("totals", totalsType));
        users = new DistinctValues<>(context, "users", Types.LONG);
        sessions = new DistinctValues<>(context, "sessions", Types.STRING);
        products = new DistinctValues<>(context, "products", Types.LONG);
    }

    @Override
    protected final void add(Long periodStart, ClickEvent event) throws Exception {
        T current = totals.value();
        if (current == null) {
            current = newTotals();
        }
        current.add(event);
        if (users.add(event.userId())) {
            current.uniqueUsers++;
        }
        if (sessions.add(event.userSession())) {
            current.uniqueSessions++;
        }
        if (products.add(event.productId())) {
            current.uniqueProducts++;
        }
        totals.update(current);
    }

    @Override
    protected final long closeTime(Long periodStart, ClickEvent event) {
        return periodStart + periodMillis - 1 + allowedLatenessMillis;
    }

    @Override
    protected final void emit(Long periodStart, Collector<R> out) throws Exception {
        T current = totals.value();
        if (current != null) {
            out.collect(row(periodStart, current));
        }
    }

    @Override
    protected final void clearState() {
        totals.clear();
        users.clear();
        sessions.clear();
        products.clear();
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * Keeps the totals of one UTC day (the key: day start in epoch millis) and emits its absolute
 * {@link TrafficDailyRow}; the day is final when the watermark passes day end + allowed lateness.
 */
public final class TrafficDailyFunction extends EventTimeMartFunction<Long, TrafficDailyRow> {

    private static final long serialVersionUID = 1L;

    private final long allowedLatenessMillis;

    private transient ValueState<DayTotals> totals;
    private transient DistinctValues<Long> users;
    private transient DistinctValues<String> sessions;
    private transient DistinctValues<Long> products;

    public TrafficDailyFunction(Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    protected void openState(RuntimeContext context) {
        totals = context.getState(new ValueStateDescriptor<>("totals", DayTotals.class));
        users = new DistinctValues<>(context, "users", Types.LONG);
        sessions = new DistinctValues<>(context, "sessions", Types.STRING);
        products = new DistinctValues<>(context, "products", Types.LONG);
    }

    @Override
    protected void add(Long dayStart, ClickEvent event) throws Exception {
        DayTotals current = totals.value();
        if (current == null) {
            current = new DayTotals();
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
    protected long closeTime(Long dayStart, ClickEvent event) {
        return UtcPeriod.DAY.endOf(dayStart) - 1 + allowedLatenessMillis;
    }

    @Override
    protected void emit(Long dayStart, Collector<TrafficDailyRow> out) throws Exception {
        DayTotals current = totals.value();
        if (current != null) {
            int peakHour = current.peakHour();
            out.collect(new TrafficDailyRow(Instant.ofEpochMilli(dayStart), current.events, current.views,
                    current.carts, current.purchases, current.uniqueUsers, current.uniqueSessions,
                    current.uniqueProducts, current.revenue, peakHour, current.eventsPerHour[peakHour]));
        }
    }

    @Override
    protected void clearState() {
        totals.clear();
        users.clear();
        sessions.clear();
        products.clear();
    }
}

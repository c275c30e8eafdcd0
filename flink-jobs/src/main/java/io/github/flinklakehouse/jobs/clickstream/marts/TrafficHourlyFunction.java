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
 * Keeps the totals of one UTC hour (the key: hour start in epoch millis) and emits its absolute
 * {@link TrafficHourlyRow}; the hour is final when the watermark passes hour end + allowed lateness.
 */
public final class TrafficHourlyFunction extends EventTimeMartFunction<Long, TrafficHourlyRow> {

    private static final long serialVersionUID = 1L;

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final long allowedLatenessMillis;

    private transient ValueState<HourTotals> totals;
    private transient DistinctValues<Long> users;
    private transient DistinctValues<String> sessions;
    private transient DistinctValues<Long> products;

    public TrafficHourlyFunction(Duration allowedLateness, Duration flushInterval) {
        super(flushInterval);
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    /** Returns the key of the hour containing {@code eventTime}: the hour's start in epoch millis. */
    public static long hourOf(Instant eventTime) {
        return Math.floorDiv(eventTime.toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
    }

    @Override
    protected void openState(RuntimeContext context) {
        totals = context.getState(new ValueStateDescriptor<>("totals", HourTotals.class));
        users = new DistinctValues<>(context, "users", Types.LONG);
        sessions = new DistinctValues<>(context, "sessions", Types.STRING);
        products = new DistinctValues<>(context, "products", Types.LONG);
    }

    @Override
    protected void add(Long hourStart, ClickEvent event) throws Exception {
        HourTotals current = totals.value();
        if (current == null) {
            current = new HourTotals();
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
    protected long closeTime(Long hourStart, ClickEvent event) {
        return hourStart + HOUR_MILLIS - 1 + allowedLatenessMillis;
    }

    @Override
    protected void emit(Long hourStart, Collector<TrafficHourlyRow> out) throws Exception {
        HourTotals current = totals.value();
        if (current != null) {
            out.collect(new TrafficHourlyRow(Instant.ofEpochMilli(hourStart), current.events, current.views,
                    current.carts, current.purchases, current.uniqueUsers, current.uniqueSessions,
                    current.uniqueProducts, current.revenue));
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

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the totals of one UTC hour (the key: hour start in epoch millis) and emits its absolute
 * {@link TrafficHourlyRow}; the hour is final when the watermark passes hour end + allowed lateness.
 */
public final class TrafficHourlyFunction extends TrafficTotalsFunction<HourTotals, TrafficHourlyRow> {

    private static final long serialVersionUID = 1L;

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    public TrafficHourlyFunction(Duration allowedLateness, Duration flushInterval) {
        super(HourTotals.class, Duration.ofHours(1), allowedLateness, flushInterval);
    }

    /** Returns the key of the hour containing {@code eventTime}: the hour's start in epoch millis. */
    public static long hourOf(Instant eventTime) {
        return Math.floorDiv(eventTime.toEpochMilli(), HOUR_MILLIS) * HOUR_MILLIS;
    }

    @Override
    protected HourTotals newTotals() {
        return new HourTotals();
    }

    @Override
    protected TrafficHourlyRow row(long hourStart, HourTotals hour) {
        return new TrafficHourlyRow(Instant.ofEpochMilli(hourStart), hour.events, hour.views, hour.carts,
                hour.purchases, hour.uniqueUsers, hour.uniqueSessions, hour.uniqueProducts, hour.revenue);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Duration;
import java.time.Instant;

/**
 * Keeps the totals of one UTC day (the key: day start in epoch millis) and emits its absolute
 * {@link TrafficDailyRow}, with the peak hour; the day is final when the watermark passes day end + allowed lateness.
 */
public final class TrafficDailyFunction extends TrafficTotalsFunction<DayTotals, TrafficDailyRow> {

    private static final long serialVersionUID = 1L;

    public TrafficDailyFunction(Duration allowedLateness, Duration flushInterval) {
        super(DayTotals.class, Duration.ofDays(1), allowedLateness, flushInterval);
    }

    @Override
    protected DayTotals newTotals() {
        return new DayTotals();
    }

    @Override
    protected TrafficDailyRow row(long dayStart, DayTotals day) {
        int peakHour = day.peakHour();
        return new TrafficDailyRow(Instant.ofEpochMilli(dayStart), day.events, day.views, day.carts, day.purchases,
                day.uniqueUsers, day.uniqueSessions, day.uniqueProducts, day.revenue, peakHour,
                day.eventsPerHour[peakHour]);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.traffic_daily}: absolute totals of one UTC day (not increments).
 *
 * @param dayStart start of the UTC day (an {@link Instant}, since Flink has no POJO serializer for LocalDate)
 * @param events all events
 * @param views view events
 * @param carts cart events
 * @param purchases purchase events
 * @param uniqueUsers distinct users
 * @param uniqueSessions distinct sessions
 * @param uniqueProducts distinct products
 * @param revenue sum of what the purchases earned (revenue, else price × quantity)
 * @param peakHour hour of day (0-23) with the most events, the earliest on ties
 * @param peakHourEvents events in {@code peakHour}
 */
public record TrafficDailyRow(
        Instant dayStart,
        long events,
        long views,
        long carts,
        long purchases,
        long uniqueUsers,
        long uniqueSessions,
        long uniqueProducts,
        BigDecimal revenue,
        int peakHour,
        long peakHourEvents) {

    /** UTC date of the day ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

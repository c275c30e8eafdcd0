package io.github.flinklakehouse.jobs.clickstream.marts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.traffic_hourly}: absolute totals of one UTC hour (not increments).
 *
 * <p>The hour is kept as an {@link Instant} because Flink has no built-in serializer for {@code LocalDate}
 * inside a POJO (it would fall back to Kryo); {@link #eventDate()} and {@link #hour()} derive the key columns.
 *
 * @param hourStart start of the UTC hour
 * @param events all events
 * @param views view events
 * @param carts cart events
 * @param purchases purchase events
 * @param uniqueUsers distinct users
 * @param uniqueSessions distinct sessions
 * @param uniqueProducts distinct products
 * @param revenue sum of what the purchases earned (revenue, else price × quantity)
 */
public record TrafficHourlyRow(
        Instant hourStart,
        long events,
        long views,
        long carts,
        long purchases,
        long uniqueUsers,
        long uniqueSessions,
        long uniqueProducts,
        BigDecimal revenue) {

    /** UTC date of the hour ({@code event_date} column). */
    public LocalDate eventDate() {
        return hourStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** UTC hour of day, 0-23 ({@code hour} column). */
    public int hour() {
        return hourStart.atZone(ZoneOffset.UTC).getHour();
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.device_daily}: the counted events of one device on one UTC day.
 *
 * @param dayStart start of the UTC day
 * @param device the events' device as sent, {@code ""} when missing
 * @param events counted events (all types)
 * @param uniqueUsers distinct users among them
 * @param uniqueSessions distinct sessions among them
 */
public record DeviceDailyRow(Instant dayStart, String device, long events, long uniqueUsers, long uniqueSessions) {

    /** UTC date ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

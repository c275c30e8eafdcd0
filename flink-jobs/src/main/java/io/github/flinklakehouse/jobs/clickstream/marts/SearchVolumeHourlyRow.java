package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.search_volume_hourly}: the search events of one region in one UTC hour.
 *
 * @param hourStart start of the UTC hour
 * @param region the events' region, {@code ""} when missing
 * @param searches search events
 * @param uniqueUsers distinct users among them
 * @param uniqueSessions distinct sessions among them
 */
public record SearchVolumeHourlyRow(Instant hourStart, String region, long searches, long uniqueUsers,
        long uniqueSessions) {

    /** UTC date ({@code event_date} column). */
    public LocalDate eventDate() {
        return hourStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** UTC hour of day, 0-23 ({@code hour} column). */
    public int hour() {
        return hourStart.atZone(ZoneOffset.UTC).getHour();
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.category_daily}: absolute totals of one category at one level on one UTC day.
 *
 * @param dayStart start of the UTC day
 * @param level {@code top} or {@code full} (see {@link CategoryLevel#label()})
 * @param category the category at that level; {@code ""} for events without a category code
 * @param events all events
 * @param uniqueSessions distinct sessions
 * @param uniqueUsers distinct users
 */
public record CategoryDailyRow(
        Instant dayStart, String level, String category, long events, long uniqueSessions, long uniqueUsers) {

    /** UTC date of the day ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

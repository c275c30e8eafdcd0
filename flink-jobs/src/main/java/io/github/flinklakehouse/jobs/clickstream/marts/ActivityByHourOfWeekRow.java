package io.github.flinklakehouse.jobs.clickstream.marts;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One row of {@code marts.activity_by_hour_of_week}: one UTC hour of the week over all the data, for a heat map.
 *
 * @param weekday ISO day of the week, 1 = Monday .. 7 = Sunday
 * @param hour UTC hour of day, 0-23
 * @param weeks the weeks in which this hour had at least one counted event (one UTC hour each)
 * @param events counted events in those hours
 * @param userHours the hours' distinct users added up (a user active in this hour in three weeks counts three times)
 */
public record ActivityByHourOfWeekRow(int weekday, int hour, long weeks, long events, long userHours) {

    /** {@code events / weeks}, 4 decimals rounded half up. */
    public BigDecimal eventsPerWeek() {
        return perWeek(events);
    }

    /** {@code userHours / weeks}: distinct users of the hour in an average week, 4 decimals rounded half up. */
    public BigDecimal uniqueUsersPerWeek() {
        return perWeek(userHours);
    }

    private BigDecimal perWeek(long total) {
        // HALF_UP equals PostgreSQL's round() for these non-negative ratios; weeks is never 0 in a row.
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(weeks), 4, RoundingMode.HALF_UP);
    }
}

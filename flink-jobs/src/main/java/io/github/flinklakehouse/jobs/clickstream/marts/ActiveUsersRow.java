package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.active_users}: the exact number of distinct users active in one UTC period.
 *
 * @param period {@code day}, {@code week} or {@code month} (see {@link UtcPeriod#label()})
 * @param periodStart start of the period: the day, the ISO week's Monday or the month's first day, at 00:00 UTC
 * @param activeUsers distinct {@code user_id}s with at least one counted event in the period
 */
public record ActiveUsersRow(String period, Instant periodStart, long activeUsers) {

    /** UTC date the period starts ({@code period_start} column). */
    public LocalDate periodStartDate() {
        return periodStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.tollgate_top_daily}: the toll gate at one rank of one UTC day.
 *
 * @param dayStart the UTC day
 * @param rank 1 = most vehicles (ties: smaller code first)
 * @param unitCode toll-gate code
 * @param region the gate's region
 * @param volume vehicles of the day
 */
public record TollgateTopDailyRow(Instant dayStart, int rank, String unitCode, String region, long volume) {

    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

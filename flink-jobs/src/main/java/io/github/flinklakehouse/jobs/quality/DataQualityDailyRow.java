package io.github.flinklakehouse.jobs.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.data_quality_daily}: what one rule of one pipeline checked on one UTC day (event time).
 *
 * @param dayStart start of the UTC day
 * @param pipeline the pipeline whose rule it is
 * @param rule the rule's name
 * @param checked records the rule checked
 * @param passed of them, those that passed
 * @param failed of them, those that failed (whatever the action)
 */
public record DataQualityDailyRow(Instant dayStart, String pipeline, String rule, long checked, long passed,
        long failed) {

    /** UTC date ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

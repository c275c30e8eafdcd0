package io.github.flinklakehouse.jobs.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.rejected_daily}: how many records of one pipeline, source kind and reason were rejected on
 * one UTC day of their {@code seen_at}.
 *
 * @param dayStart start of the UTC day of the dead letters' {@code seen_at}
 * @param pipeline the pipeline that rejected them
 * @param source the dead letters' source kind ({@code kafka}, {@code file}, {@code http}, {@code mart:<aggregation>})
 * @param reason the reason code ({@code NOT_JSON}, {@code LATE}, {@code QUALITY_RULE}, ...)
 * @param rejected dead letters of that day, pipeline, source and reason
 */
public record RejectedDailyRow(Instant dayStart, String pipeline, String source, String reason, long rejected) {

    /** UTC date ({@code seen_date} column). */
    public LocalDate seenDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.top_search_queries_daily}: the query at one rank of a region's day.
 *
 * @param dayStart start of the UTC day
 * @param region region, {@code ""} when missing
 * @param rank 1 = most searched (ties: the query first in code-point order)
 * @param query the normalised query ({@code ""}: searches without text)
 * @param searches search events with that query in the region that day
 */
public record TopSearchQueryRow(Instant dayStart, String region, int rank, String query, long searches) {

    /** UTC date ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

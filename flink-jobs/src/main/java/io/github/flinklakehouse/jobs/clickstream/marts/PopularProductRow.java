package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.popular_products_daily}: the product at one rank of one UTC day.
 *
 * @param dayStart start of the UTC day
 * @param rank 1 = most viewed (ties: smaller product id first)
 * @param productId product id
 * @param views view events of the product that day
 * @param uniqueSessions distinct sessions with any event on the product that day
 * @param carts cart events of the product that day
 * @param purchases purchase events of the product that day
 */
public record PopularProductRow(Instant dayStart, int rank, long productId, long views, long uniqueSessions,
        long carts, long purchases) {

    /** UTC date ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }
}

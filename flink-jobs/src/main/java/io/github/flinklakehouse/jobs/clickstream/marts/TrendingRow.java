package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;

/**
 * One row of a trending mart ({@code trending_products}, {@code trending_favorites}): the product at one rank of
 * the window ending at {@code windowEnd}.
 *
 * @param windowEnd end of the window (exclusive), a multiple of the refresh interval
 * @param rank 1 = most events (ties: smaller product id first)
 * @param windowStart start of the window (inclusive): {@code windowEnd - window}
 * @param productId product id
 * @param events events of the mart's type on the product in the window (the table names the column, e.g.
 *     {@code carts})
 */
public record TrendingRow(Instant windowEnd, int rank, Instant windowStart, long productId, long events) {
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Instant;

/**
 * One row of {@code marts.trending_products}: the product at one rank of the window ending at {@code windowEnd}.
 *
 * @param windowEnd end of the window (exclusive), a multiple of the refresh interval
 * @param rank 1 = most carted (ties: smaller product id first)
 * @param windowStart start of the window (inclusive): {@code windowEnd - trending window}
 * @param productId product id
 * @param carts cart events of the product in the window
 */
public record TrendingProductRow(Instant windowEnd, int rank, Instant windowStart, long productId, long carts) {
}

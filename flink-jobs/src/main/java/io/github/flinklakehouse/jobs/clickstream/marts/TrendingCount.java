package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Cart events of one product in one sliding window, as the window stage of {@code trending_products} hands
 * them to the ranker (an absolute count; a late firing repeats it, larger).
 *
 * @param windowEnd window end (exclusive), epoch millis
 * @param productId product id
 * @param carts cart events with {@code windowEnd - window <= event_time < windowEnd}
 */
public record TrendingCount(long windowEnd, long productId, long carts) {
}

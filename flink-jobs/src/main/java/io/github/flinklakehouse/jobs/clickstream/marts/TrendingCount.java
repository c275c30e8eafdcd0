package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Events of one product in one sliding window, as the window stage of a {@link TrendingMart} hands them to the
 * ranker (an absolute count; a late firing repeats it, larger).
 *
 * <p>The ranker keeps these in its state, so the names are part of the savepoint format: the count keeps the name
 * {@code carts} it had when {@code trending_products} was the only trending mart, whatever type a mart counts.
 *
 * @param windowEnd window end (exclusive), epoch millis
 * @param productId product id
 * @param carts events of the mart's type with {@code windowEnd - window <= event_time < windowEnd}
 */
public record TrendingCount(long windowEnd, long productId, long carts) {
}

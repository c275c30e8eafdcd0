package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Absolute numbers of one product on one UTC day, as the first stage of {@code popular_products_daily} hands
 * them to the ranker.
 *
 * @param dayStart start of the UTC day, epoch millis
 * @param productId product id
 * @param views view events
 * @param uniqueSessions distinct sessions with any event on the product
 * @param carts cart events
 * @param purchases purchase events
 */
public record ProductDayStats(long dayStart, long productId, long views, long uniqueSessions, long carts,
        long purchases) {
}

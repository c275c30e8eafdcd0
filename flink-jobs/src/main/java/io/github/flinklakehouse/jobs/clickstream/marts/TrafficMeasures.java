package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import java.io.Serializable;
import java.math.BigDecimal;

/**
 * The traffic numbers {@code traffic_hourly} and {@code traffic_daily} share: events, views, carts, purchases,
 * revenue, and exact distinct users, sessions and products of the period.
 */
final class TrafficMeasures implements Serializable {

    private static final long serialVersionUID = 1L;

    final Measure events;
    final Measure views;
    final Measure carts;
    final Measure purchases;
    final Measure revenueCents;
    final Measure uniqueUsers;
    final Measure uniqueSessions;
    final Measure uniqueProducts;

    TrafficMeasures(Aggregation.Builder<ClickMartEvent, ?> period) {
        events = period.count("events");
        views = period.countIf("views", e -> e.eventType == EventType.VIEW);
        carts = period.countIf("carts", e -> e.eventType == EventType.CART);
        purchases = period.countIf("purchases", e -> e.eventType == EventType.PURCHASE);
        revenueCents = period.sum("revenue", e -> e.eventType == EventType.PURCHASE ? e.revenueCents : 0L);
        uniqueUsers = period.distinct("unique_users", ClickDimensions.USER);
        uniqueSessions = period.distinct("unique_sessions", ClickDimensions.SESSION);
        uniqueProducts = period.distinct("unique_products", ClickDimensions.PRODUCT);
    }

    /** Revenue as money with two decimals. */
    BigDecimal revenue(long[] values) {
        return BigDecimal.valueOf(revenueCents.of(values), 2);
    }
}

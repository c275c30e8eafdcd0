package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;

import java.math.BigDecimal;

/**
 * Running counters of one hour, kept in keyed state (a Flink POJO, so no Kryo).
 *
 * <p>Distinct users, sessions and products live in map state beside it; this class only counts them.
 */
public class HourTotals {

    public long events;
    public long views;
    public long carts;
    public long purchases;
    public long uniqueUsers;
    public long uniqueSessions;
    public long uniqueProducts;
    public BigDecimal revenue = BigDecimal.ZERO.setScale(2);

    public HourTotals() {
    }

    /** Counts one event (uniqueness is decided by the caller). */
    void add(ClickEvent event) {
        events++;
        switch (event.eventType()) {
            case VIEW -> views++;
            case CART -> carts++;
            case PURCHASE -> {
                purchases++;
                revenue = revenue.add(event.price());
            }
            default -> {
                // remove_from_cart, search, favorite count only as events
            }
        }
    }
}

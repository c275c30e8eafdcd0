package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;

/**
 * Running counters of one product on one UTC day, kept in keyed state (a Flink POJO, so no Kryo).
 *
 * <p>Distinct sessions live in map state beside it; this class only counts them.
 */
public class ProductDayTotals {

    public long views;
    public long uniqueSessions;
    public long carts;
    public long purchases;

    public ProductDayTotals() {
    }

    /** Counts one event (session uniqueness is decided by the caller). */
    void add(ClickEvent event) {
        switch (event.eventType()) {
            case VIEW -> views++;
            case CART -> carts++;
            case PURCHASE -> purchases++;
            default -> {
                // other events only count towards unique_sessions
            }
        }
    }
}

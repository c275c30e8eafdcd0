package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.math.BigDecimal;

/**
 * Running totals of one session, kept in keyed state (a Flink POJO, so no Kryo).
 *
 * <p>Distinct products live in map state beside it; this class only counts them.
 */
public class SessionTotals {

    public long userId;
    public long firstEventMillis = Long.MAX_VALUE;
    public long lastEventMillis = Long.MIN_VALUE;
    public long events;
    public long uniqueProducts;
    public long views;
    public long carts;
    public long purchases;
    public BigDecimal revenue = BigDecimal.ZERO.setScale(2);

    public SessionTotals() {
    }

    /** Counts one event (product uniqueness is decided by the caller). */
    void add(ClickEvent event) {
        long millis = event.eventTime().toEpochMilli();
        // The session's user is the one of its earliest event; equal times pick the smallest id, so the
        // result does not depend on arrival order.
        if (millis < firstEventMillis || (millis == firstEventMillis && event.userId() < userId)) {
            userId = event.userId();
        }
        firstEventMillis = Math.min(firstEventMillis, millis);
        lastEventMillis = Math.max(lastEventMillis, millis);
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

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import java.util.Arrays;

/**
 * Running totals of one session, kept in keyed state and, per subtask between two flushes, as the map-side partial
 * of a session's events (a Flink POJO, so no Kryo). Adding events one by one or merging totals gives the same result.
 *
 * <p>The session's distinct products are a sorted array: sessions see a handful of products, and one small array is
 * far cheaper in heap and in snapshots than map state.
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
    public long revenueCents;
    public long[] products = new long[0];

    public SessionTotals() {
    }

    /** Counts one event. */
    void add(ClickMartEvent event) {
        long millis = event.eventTime;
        // The session's user is the one of its earliest event; equal times pick the smallest id, so the
        // result does not depend on arrival order.
        if (millis < firstEventMillis || (millis == firstEventMillis && event.userId < userId)) {
            userId = event.userId;
        }
        firstEventMillis = Math.min(firstEventMillis, millis);
        lastEventMillis = Math.max(lastEventMillis, millis);
        events++;
        addProduct(event.productId);
        switch (event.eventType) {
            case VIEW -> views++;
            case CART -> carts++;
            case PURCHASE -> {
                purchases++;
                revenueCents += event.revenueCents;
            }
            default -> {
                // remove_from_cart, search, favorite count only as events
            }
        }
    }

    /** Whether {@code event} can be added without overflowing the revenue sum. */
    boolean fits(ClickMartEvent event) {
        return event.eventType != EventType.PURCHASE || Measure.sumFits(revenueCents, event.revenueCents);
    }

    /** Whether {@code other} can be merged without overflowing the revenue sum. */
    boolean fits(SessionTotals other) {
        return Measure.sumFits(revenueCents, other.revenueCents);
    }

    /** Merges the totals of more events of the same session; {@link #fits(SessionTotals)} said it may. */
    void merge(SessionTotals other) {
        if (other.events == 0) {
            return;
        }
        if (other.firstEventMillis < firstEventMillis
                || (other.firstEventMillis == firstEventMillis && other.userId < userId)) {
            userId = other.userId;
        }
        firstEventMillis = Math.min(firstEventMillis, other.firstEventMillis);
        lastEventMillis = Math.max(lastEventMillis, other.lastEventMillis);
        events += other.events;
        for (long product : other.products) {
            addProduct(product);
        }
        views += other.views;
        carts += other.carts;
        purchases += other.purchases;
        revenueCents += other.revenueCents;
    }

    private void addProduct(long productId) {
        int at = Arrays.binarySearch(products, productId);
        if (at < 0) {
            int insert = -at - 1;
            long[] grown = new long[products.length + 1];
            System.arraycopy(products, 0, grown, 0, insert);
            grown[insert] = productId;
            System.arraycopy(products, insert, grown, insert + 1, products.length - insert);
            products = grown;
            uniqueProducts++;
        }
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Running totals of one session, kept in keyed state (a Flink POJO, so no Kryo).
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
        int at = java.util.Arrays.binarySearch(products, event.productId);
        if (at < 0) {
            int insert = -at - 1;
            long[] grown = new long[products.length + 1];
            System.arraycopy(products, 0, grown, 0, insert);
            grown[insert] = event.productId;
            System.arraycopy(products, insert, grown, insert + 1, products.length - insert);
            products = grown;
            uniqueProducts++;
        }
        switch (event.eventType) {
            case VIEW -> views++;
            case CART -> carts++;
            case PURCHASE -> {
                purchases++;
                revenueCents = Math.addExact(revenueCents, event.priceCents);
            }
            default -> {
                // remove_from_cart, search, favorite count only as events
            }
        }
    }
}

package io.github.flinklakehouse.jobs.clickstream.generator;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Generated events of the warehouse use case's application log ({@link AppLogJsonEncoder} writes them as its JSON
 * lines): the generator's app-log events (searches, favourites, devices) with an event id, a country, and a quantity
 * and revenue on carts and purchases. The tests of the declared format, a file in MiniCluster and a topic on the real
 * Kafka broker, use the same events.
 */
public final class AppLogEvents {

    /** The first event's time. */
    public static final Instant START = Instant.parse("2025-01-10T00:00:00Z");

    private AppLogEvents() {
    }

    /** {@code count} events from {@link #START}, the same ones on every call; their event ids are unique. */
    public static List<ClickEvent> generate(int count) {
        List<ClickEvent> generated = ClickEventGenerator.stream(new GeneratorConfig(15L, START, count,
                Duration.ofSeconds(2), 300, 200).withAppLog()).toList();
        return IntStream.range(0, generated.size()).mapToObj(i -> withAppLogFields(generated.get(i), i)).toList();
    }

    /** What the declared format reads back from the encoded line: the app log has no category id (default 0). */
    public static ClickEvent asRead(ClickEvent e) {
        return new ClickEvent(e.eventTime(), e.eventType(), e.productId(), 0L, e.categoryCode(), e.brand(),
                e.price(), e.userId(), e.userSession(), e.eventId(), e.device(), e.country(), e.region(),
                e.searchQuery(), e.quantity(), e.revenue());
    }

    /**
     * Adds the app-log fields to event number {@code sequence}. The id carries the sequence: the generator may
     * repeat a view of a product within a second, which is another event, not a retry ({@code DUPLICATE_EVENT_ID}).
     */
    private static ClickEvent withAppLogFields(ClickEvent e, int sequence) {
        boolean counted = e.eventType() == EventType.CART || e.eventType() == EventType.PURCHASE;
        int quantity = 1 + (int) Math.floorMod(e.eventTime().getEpochSecond() + e.userId(), 3L);
        return new ClickEvent(e.eventTime(), e.eventType(), e.productId(), e.categoryId(), e.categoryCode(),
                e.brand(), e.price(), e.userId(), e.userSession(),
                "ev-" + e.userSession().substring(0, 8) + "-" + e.eventTime().getEpochSecond() + "-" + sequence,
                e.device(), "KR", e.region(), e.searchQuery(), counted ? quantity : null,
                // Three items come without a revenue: the marts then count price × quantity.
                counted && quantity < 3 ? e.price().multiply(BigDecimal.valueOf(quantity)) : null);
    }
}

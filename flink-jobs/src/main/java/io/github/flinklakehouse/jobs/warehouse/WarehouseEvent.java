package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the warehouse keeps of one valid, on-time event: the fact's columns, the product's and the tracked user
 * attributes (a Flink POJO, projected once before the shuffles).
 */
public class WarehouseEvent {

    public FactUserEventRow fact;
    public String categoryCode;
    public String brand;
    public BigDecimal price;
    /** The tracked attributes' values, in {@link WarehouseSettings#trackedAttributes()} order. */
    public String[] attributes;

    public WarehouseEvent() {
    }

    /** Projects {@code ingested}, reading {@code tracked} from it. */
    public static WarehouseEvent of(IngestedClickEvent ingested, List<UserAttribute> tracked) {
        ClickEvent event = ingested.event();
        WarehouseEvent projected = new WarehouseEvent();
        String eventId = event.eventId() != null ? event.eventId()
                : ingested.source() + ":" + ingested.sourcePosition();
        projected.fact = new FactUserEventRow(eventId, event.eventTime(), event.eventType().code(), 0,
                event.userId(), SurrogateKeys.productKey(event.productId()), event.productId(), event.userSession(),
                event.quantity(), event.revenue());
        projected.categoryCode = event.categoryCode();
        projected.brand = event.brand();
        projected.price = event.price();
        projected.attributes = new String[tracked.size()];
        for (int i = 0; i < tracked.size(); i++) {
            projected.attributes[i] = tracked.get(i).of(event);
        }
        return projected;
    }

    /** Event time, epoch millis. */
    public long eventTimeMillis() {
        return fact.eventTime().toEpochMilli();
    }

    /** Of an event built directly (tests, other inputs). */
    public static WarehouseEvent of(FactUserEventRow fact, String categoryCode, String brand, BigDecimal price,
            String... attributes) {
        WarehouseEvent event = new WarehouseEvent();
        event.fact = fact;
        event.categoryCode = categoryCode;
        event.brand = brand;
        event.price = price;
        event.attributes = attributes.clone();
        return event;
    }

    /** The event time as an instant. */
    public Instant eventTime() {
        return fact.eventTime();
    }
}

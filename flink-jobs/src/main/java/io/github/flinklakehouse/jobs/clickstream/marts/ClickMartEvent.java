package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What the clickstream marts see of one counted event: only the fields they need, as primitives where possible,
 * projected once before any shuffle (a Flink POJO, so no Kryo). The lineage fields let a mart that refuses an
 * event (a session already final) dead-letter it with its origin. It travels with a hand-written serializer
 * ({@link ClickMartEventSerializer}).
 */
@TypeInfo(ClickMartEventSerializer.Factory.class)
public class ClickMartEvent {

    /** Event time, epoch millis. */
    public long eventTime;
    public EventType eventType;
    public long productId;
    /** Dotted category path, or {@code null}. */
    public String categoryCode;
    /** Brand, or {@code null}. */
    public String brand;
    /**
     * What a purchase of the event earns, in cents ({@link ClickEvent#revenueOrPriceTimesQuantity}: the revenue, else
     * price × quantity; the parser keeps it within 18 digits, so it fits a long). Only purchases count it.
     */
    public long revenueCents;
    public long userId;
    public String userSession;
    /** Client device as sent, or {@code null}. */
    public String device;
    /** Region as sent, or {@code null}. */
    public String region;
    /**
     * The search text normalised by {@link SearchQueries#normalize} ({@code ""} when absent) for search events;
     * {@code null} for every other type, so only searches pay for it.
     */
    public String searchQuery;
    /** Source name, e.g. {@code kafka}. */
    public String source;
    /** Position inside the source, e.g. {@code topic/partition/offset}. */
    public String sourcePosition;
    /** When the source received the event, epoch millis. */
    public long ingestedAt;

    public ClickMartEvent() {
    }

    /** Projects an ingested event. */
    public static ClickMartEvent of(IngestedClickEvent ingested) {
        ClickEvent event = ingested.event();
        ClickMartEvent projected = new ClickMartEvent();
        projected.eventTime = event.eventTime().toEpochMilli();
        projected.eventType = event.eventType();
        projected.productId = event.productId();
        projected.categoryCode = event.categoryCode();
        projected.brand = event.brand();
        projected.revenueCents = cents(event.revenueOrPriceTimesQuantity());
        projected.userId = event.userId();
        projected.userSession = event.userSession();
        projected.device = event.device();
        projected.region = event.region();
        projected.searchQuery = event.eventType() == EventType.SEARCH ? SearchQueries.normalize(event.searchQuery())
                : null;
        projected.source = ingested.source();
        projected.sourcePosition = ingested.sourcePosition();
        projected.ingestedAt = ingested.ingestedAt().toEpochMilli();
        return projected;
    }

    /**
     * {@code amount} in cents. Only a raw row ingested before the parser bounded price × quantity can exceed a long
     * (a price above 92 billion times a quantity near the bound): it is capped at the largest long, so such a row
     * cannot fail the job; the revenue sums refuse what would overflow them as SUM_OVERFLOW dead letters.
     */
    private static long cents(BigDecimal amount) {
        BigDecimal cents = amount.movePointRight(2);
        return cents.compareTo(MAX_CENTS) > 0 ? Long.MAX_VALUE : cents.longValueExact();
    }

    private static final BigDecimal MAX_CENTS = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The projection as a map function. */
    public static final class Projection implements MapFunction<IngestedClickEvent, ClickMartEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public ClickMartEvent map(IngestedClickEvent ingested) {
            return of(ingested);
        }
    }

    /** Whether the event is a purchase. */
    public boolean isPurchase() {
        return eventType == EventType.PURCHASE;
    }

    @Override
    public String toString() {
        return "ClickMartEvent[" + eventType + " at " + eventTime + ", product " + productId + ", user " + userId
                + ", session " + userSession + ", " + sourcePosition + "]";
    }
}

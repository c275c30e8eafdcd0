package io.github.flinklakehouse.jobs.clickstream;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One user action in the schema of the public e-commerce behaviour dataset (REES46 / Kaggle).
 *
 * <p>A Java record, which Flink serialises with its POJO serializer (no Kryo).
 *
 * @param eventTime when the action happened (UTC, second precision in the dataset)
 * @param eventType what the user did
 * @param productId product id
 * @param categoryId category id (19 digits in the dataset)
 * @param categoryCode dotted category path such as {@code electronics.smartphone}, or {@code null}
 * @param brand brand in lower case, or {@code null}
 * @param price price with two decimals, never negative
 * @param userId user id
 * @param userSession session id (a UUID in the dataset)
 * @param eventId optional producer-assigned id, or {@code null}; a repeated id is a producer retry
 * @param device optional client device, e.g. {@code mobile}, or {@code null}
 * @param country optional country code of the user, e.g. {@code DE}, or {@code null}
 * @param region optional region within the country, or {@code null}
 * @param searchQuery optional search text (search events), or {@code null}
 * @param quantity optional number of items the action was about (app logs: {@code quantity}), or {@code null}; the
 *     dataset has none (one product per event)
 * @param revenue optional revenue the source reported for the event (app logs: {@code revenue}), or {@code null};
 *     the dataset has none (its purchases' revenue is their price)
 */
public record ClickEvent(
        Instant eventTime,
        EventType eventType,
        long productId,
        long categoryId,
        String categoryCode,
        String brand,
        BigDecimal price,
        long userId,
        String userSession,
        String eventId,
        String device,
        String country,
        String region,
        String searchQuery,
        Integer quantity,
        BigDecimal revenue) {

    public ClickEvent {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(userSession, "userSession");
    }

    /**
     * What a purchase of this event earns, as every revenue mart counts it: the source's {@code revenue}, else
     * {@code price × quantity}, one item when the source gives no quantity (so a dataset event's is its price).
     */
    public BigDecimal revenueOrPriceTimesQuantity() {
        if (revenue != null) {
            return revenue;
        }
        return quantity == null ? price : price.multiply(BigDecimal.valueOf(quantity));
    }

    /** An event without quantity and revenue (the dataset's fields and the optional text fields). */
    public ClickEvent(Instant eventTime, EventType eventType, long productId, long categoryId, String categoryCode,
            String brand, BigDecimal price, long userId, String userSession, String eventId, String device,
            String country, String region, String searchQuery) {
        this(eventTime, eventType, productId, categoryId, categoryCode, brand, price, userId, userSession, eventId,
                device, country, region, searchQuery, null, null);
    }

    /** An event with the dataset's fields only; the optional contract fields are {@code null}. */
    public ClickEvent(Instant eventTime, EventType eventType, long productId, long categoryId, String categoryCode,
            String brand, BigDecimal price, long userId, String userSession, String eventId) {
        this(eventTime, eventType, productId, categoryId, categoryCode, brand, price, userId, userSession, eventId,
                null, null, null, null, null, null);
    }
}

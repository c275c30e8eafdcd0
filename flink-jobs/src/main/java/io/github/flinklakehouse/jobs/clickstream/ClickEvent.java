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
 * @param eventId optional producer-assigned id, or {@code null}
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
        String eventId) {

    public ClickEvent {
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(userSession, "userSession");
    }
}

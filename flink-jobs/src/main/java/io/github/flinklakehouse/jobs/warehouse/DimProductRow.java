package io.github.flinklakehouse.jobs.warehouse;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One product in {@code dim_product}, written absolute.
 *
 * @param productKey deterministic surrogate key ({@link SurrogateKeys#productKey})
 * @param productId the natural key
 * @param categoryCode category of the latest event, or {@code null}
 * @param brand brand of the latest event, or {@code null}
 * @param latestPrice price of the latest event (greatest event time; on a tie the greatest price)
 * @param firstSeen event time of the earliest event
 * @param lastSeen event time of the latest event
 */
public record DimProductRow(long productKey, long productId, String categoryCode, String brand, BigDecimal latestPrice,
        Instant firstSeen, Instant lastSeen) {
}

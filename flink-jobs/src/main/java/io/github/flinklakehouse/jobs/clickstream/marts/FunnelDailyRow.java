package io.github.flinklakehouse.jobs.clickstream.marts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.funnel_daily}: distinct sessions at each funnel stage for one UTC day, category_code
 * and brand (absolute counts, not increments).
 *
 * @param dayStart start of the UTC day
 * @param categoryCode category code of the products, {@code ""} when missing
 * @param brand brand of the products, {@code ""} when missing
 * @param sessionsViewed sessions with at least one view
 * @param sessionsCarted sessions with at least one cart
 * @param sessionsPurchased sessions with at least one purchase
 * @param viewedAndCarted sessions with a view and a cart
 * @param cartedAndPurchased sessions with a cart and a purchase
 * @param viewedAndPurchased sessions with a view and a purchase
 */
public record FunnelDailyRow(
        Instant dayStart,
        String categoryCode,
        String brand,
        long sessionsViewed,
        long sessionsCarted,
        long sessionsPurchased,
        long viewedAndCarted,
        long cartedAndPurchased,
        long viewedAndPurchased) {

    /** UTC date ({@code event_date} column). */
    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code viewed_and_carted / sessions_viewed}, 4 decimals, {@code null} when nothing was viewed. */
    public BigDecimal viewToCart() {
        return rate(viewedAndCarted, sessionsViewed);
    }

    /** {@code carted_and_purchased / sessions_carted}, 4 decimals, {@code null} when nothing was carted. */
    public BigDecimal cartToPurchase() {
        return rate(cartedAndPurchased, sessionsCarted);
    }

    /** {@code viewed_and_purchased / sessions_viewed}, 4 decimals, {@code null} when nothing was viewed. */
    public BigDecimal viewToPurchase() {
        return rate(viewedAndPurchased, sessionsViewed);
    }

    static BigDecimal rate(long part, long whole) {
        // HALF_UP equals PostgreSQL's round() for these non-negative ratios.
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}

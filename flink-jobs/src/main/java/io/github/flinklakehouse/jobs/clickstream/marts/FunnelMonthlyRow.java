package io.github.flinklakehouse.jobs.clickstream.marts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.funnel_monthly}: distinct sessions at each funnel stage for one UTC month, category_code
 * and brand, a session's stages combined over the whole month (absolute counts).
 *
 * @param monthStart first day of the UTC month, 00:00
 * @param categoryCode category code of the products, {@code ""} when missing
 * @param brand brand of the products, {@code ""} when missing
 * @param sessionsViewed sessions with at least one view in the month
 * @param sessionsCarted sessions with at least one cart
 * @param sessionsPurchased sessions with at least one purchase
 * @param viewedAndCarted sessions with a view and a cart (on any days of the month)
 * @param cartedAndPurchased sessions with a cart and a purchase
 * @param viewedAndPurchased sessions with a view and a purchase
 */
public record FunnelMonthlyRow(
        Instant monthStart,
        String categoryCode,
        String brand,
        long sessionsViewed,
        long sessionsCarted,
        long sessionsPurchased,
        long viewedAndCarted,
        long cartedAndPurchased,
        long viewedAndPurchased) {

    /** The month's first day ({@code month} column). */
    public LocalDate month() {
        return monthStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code viewed_and_carted / sessions_viewed}, 4 decimals, {@code null} when nothing was viewed. */
    public BigDecimal viewToCart() {
        return FunnelDailyRow.rate(viewedAndCarted, sessionsViewed);
    }

    /** {@code carted_and_purchased / sessions_carted}, 4 decimals, {@code null} when nothing was carted. */
    public BigDecimal cartToPurchase() {
        return FunnelDailyRow.rate(cartedAndPurchased, sessionsCarted);
    }

    /** {@code viewed_and_purchased / sessions_viewed}, 4 decimals, {@code null} when nothing was viewed. */
    public BigDecimal viewToPurchase() {
        return FunnelDailyRow.rate(viewedAndPurchased, sessionsViewed);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code funnel_monthly}: the funnel of {@code funnel_daily} per UTC month, category_code and brand, primary
 * key {@code (month, category_code, brand)}, computed from the sessions themselves rather than summed from days: a
 * session's stages are combined over the whole month ({@link FunnelSessions}), so a session that viewed on one day and
 * carted on the next counts once, in {@code viewed_and_carted}.
 *
 * <p>The session stage remembers each session's monthly keys until the month closes (month end + allowed lateness):
 * the exact distinct count needs it, as {@code active_users} does for users.
 */
public final class FunnelMonthlyMart {

    /** Names the aggregation's operator {@code clickstream.marts.funnel-monthly.v2}. */
    public static final String AGGREGATION = "funnel-monthly";

    public static final MartTable<FunnelMonthlyRow> TABLE = MartTable.builder("funnel_monthly", FunnelMonthlyRow.class)
            .purpose("the view -> cart -> purchase funnel per UTC month, category_code and brand ('' when missing), "
                    + "counted in distinct sessions with their stages combined over the month")
            .column("month", SqlType.DATE, FunnelMonthlyRow::month)
            .column("category_code", SqlType.TEXT, FunnelMonthlyRow::categoryCode)
            .column("brand", SqlType.TEXT, FunnelMonthlyRow::brand)
            .column("sessions_viewed", SqlType.BIGINT, FunnelMonthlyRow::sessionsViewed)
            .column("sessions_carted", SqlType.BIGINT, FunnelMonthlyRow::sessionsCarted)
            .column("sessions_purchased", SqlType.BIGINT, FunnelMonthlyRow::sessionsPurchased)
            .column("viewed_and_carted", SqlType.BIGINT, FunnelMonthlyRow::viewedAndCarted)
            .column("carted_and_purchased", SqlType.BIGINT, FunnelMonthlyRow::cartedAndPurchased)
            .column("viewed_and_purchased", SqlType.BIGINT, FunnelMonthlyRow::viewedAndPurchased)
            .nullableColumn("view_to_cart", SqlType.RATE, FunnelMonthlyRow::viewToCart)
            .nullableColumn("cart_to_purchase", SqlType.RATE, FunnelMonthlyRow::cartToPurchase)
            .nullableColumn("view_to_purchase", SqlType.RATE, FunnelMonthlyRow::viewToPurchase)
            .key("month", "category_code", "brand")
            .period(MartPeriod.month("month"))
            .build();

    private FunnelMonthlyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.FunnelMonth> funnel = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.FunnelMonth.class),
                (event, keys) -> {
                    if (FunnelSessions.stageOf(event.eventType) != 0) {
                        keys.accept(new MartKeys.FunnelMonth(UtcPeriod.MONTH.startOf(event.eventTime),
                                MartKeys.orEmpty(event.categoryCode), MartKeys.orEmpty(event.brand)));
                    }
                },
                key -> UtcPeriod.MONTH.endOf(key.monthStart()));
        FunnelSessions sessions = FunnelSessions.countedBy(funnel);
        marts.table(funnel.build(), (key, v) -> new FunnelMonthlyRow(Instant.ofEpochMilli(key.monthStart()),
                        key.categoryCode(), key.brand(), sessions.viewed.of(v), sessions.carted.of(v),
                        sessions.purchased.of(v), sessions.viewedAndCarted.of(v), sessions.cartedAndPurchased.of(v),
                        sessions.viewedAndPurchased.of(v)),
                TypeInformation.of(FunnelMonthlyRow.class), TABLE);
    }
}

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
 * The mart {@code funnel_daily}: one row per UTC day, category_code and brand ({@code ''} when missing), primary key
 * {@code (event_date, category_code, brand)}: distinct sessions per funnel stage and per pair of stages.
 *
 * <p>Only view, cart and purchase events have keys here; {@link FunnelSessions} counts the sessions per stage.
 */
public final class FunnelDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.funnel-daily.v2}. */
    public static final String AGGREGATION = "funnel-daily";

    public static final MartTable<FunnelDailyRow> TABLE = MartTable.builder("funnel_daily", FunnelDailyRow.class)
            .purpose("the view -> cart -> purchase funnel per UTC day, category_code and brand ('' when missing), "
                    + "counted in distinct sessions")
            .column("event_date", SqlType.DATE, FunnelDailyRow::eventDate)
            .column("category_code", SqlType.TEXT, FunnelDailyRow::categoryCode)
            .column("brand", SqlType.TEXT, FunnelDailyRow::brand)
            .column("sessions_viewed", SqlType.BIGINT, FunnelDailyRow::sessionsViewed)
            .column("sessions_carted", SqlType.BIGINT, FunnelDailyRow::sessionsCarted)
            .column("sessions_purchased", SqlType.BIGINT, FunnelDailyRow::sessionsPurchased)
            .column("viewed_and_carted", SqlType.BIGINT, FunnelDailyRow::viewedAndCarted)
            .column("carted_and_purchased", SqlType.BIGINT, FunnelDailyRow::cartedAndPurchased)
            .column("viewed_and_purchased", SqlType.BIGINT, FunnelDailyRow::viewedAndPurchased)
            .nullableColumn("view_to_cart", SqlType.RATE, FunnelDailyRow::viewToCart)
            .nullableColumn("cart_to_purchase", SqlType.RATE, FunnelDailyRow::cartToPurchase)
            .nullableColumn("view_to_purchase", SqlType.RATE, FunnelDailyRow::viewToPurchase)
            .key("event_date", "category_code", "brand")
            .period(MartPeriod.day("event_date"))
            .build();

    private FunnelDailyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.FunnelDay> funnel = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.FunnelDay.class),
                (event, keys) -> {
                    if (FunnelSessions.stageOf(event.eventType) != 0) {
                        keys.accept(new MartKeys.FunnelDay(UtcPeriod.DAY.startOf(event.eventTime),
                                MartKeys.orEmpty(event.categoryCode), MartKeys.orEmpty(event.brand)));
                    }
                },
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        FunnelSessions sessions = FunnelSessions.countedBy(funnel);
        marts.table(funnel.build(), (key, v) -> new FunnelDailyRow(Instant.ofEpochMilli(key.dayStart()),
                        key.categoryCode(), key.brand(), sessions.viewed.of(v), sessions.carted.of(v),
                        sessions.purchased.of(v), sessions.viewedAndCarted.of(v), sessions.cartedAndPurchased.of(v),
                        sessions.viewedAndPurchased.of(v)),
                TypeInformation.of(FunnelDailyRow.class), TABLE);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.DistinctOver;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code funnel_daily}: one row per UTC day, category_code and brand ({@code ''} when missing), primary key
 * {@code (event_date, category_code, brand)}: distinct sessions per funnel stage and per pair of stages.
 *
 * <p>Only view, cart and purchase events have keys here; each sets its stage's flag, and the session stage counts
 * the sessions whose flags in a key include one stage or two.
 */
public final class FunnelDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.funnel-daily.v2}. */
    public static final String AGGREGATION = "funnel-daily";

    static final int VIEWED = 1;
    static final int CARTED = 2;
    static final int PURCHASED = 4;

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

    /** The funnel flag of an event type; 0 for the types that are no funnel stage. */
    static int stageOf(EventType type) {
        return switch (type) {
            case VIEW -> VIEWED;
            case CART -> CARTED;
            case PURCHASE -> PURCHASED;
            default -> 0;
        };
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.FunnelDay> funnel = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.FunnelDay.class),
                (event, keys) -> {
                    if (stageOf(event.eventType) != 0) {
                        keys.accept(new MartKeys.FunnelDay(UtcPeriod.DAY.startOf(event.eventTime), orEmpty(event.categoryCode),
                                orEmpty(event.brand)));
                    }
                },
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        DistinctOver<ClickMartEvent, String> sessions =
                funnel.distinctOver(ClickDimensions.SESSION, event -> stageOf(event.eventType));
        DistinctCount viewed = sessions.count("sessions_viewed", VIEWED);
        DistinctCount carted = sessions.count("sessions_carted", CARTED);
        DistinctCount purchased = sessions.count("sessions_purchased", PURCHASED);
        DistinctCount viewedAndCarted = sessions.count("viewed_and_carted", VIEWED | CARTED);
        DistinctCount cartedAndPurchased = sessions.count("carted_and_purchased", CARTED | PURCHASED);
        DistinctCount viewedAndPurchased = sessions.count("viewed_and_purchased", VIEWED | PURCHASED);
        marts.table(funnel.build(), (key, v) -> new FunnelDailyRow(Instant.ofEpochMilli(key.dayStart()), key.categoryCode(), key.brand(),
                        viewed.of(v), carted.of(v), purchased.of(v), viewedAndCarted.of(v), cartedAndPurchased.of(v),
                        viewedAndPurchased.of(v)),
                TypeInformation.of(FunnelDailyRow.class), TABLE);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}

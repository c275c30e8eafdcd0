package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.TopN;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code popular_products_daily}: the top N products of each UTC day by views, primary key
 * {@code (event_date, rank)}.
 *
 * <pre>
 *  aggregation (day, product): views, carts, purchases, distinct sessions ─keyBy(day)─> top N by views ─> sink
 * </pre>
 *
 * <p>Only products with a view are ranked. A day's number of ranks never shrinks (a viewed product stays viewed),
 * so upserts by rank leave no stale rows.
 */
public final class PopularProductsDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.popular-products-daily.v2} (and its ranker's). */
    public static final String AGGREGATION = "popular-products-daily";

    public static final MartTable<PopularProductRow> TABLE = MartTable.builder("popular_products_daily",
                    PopularProductRow.class)
            .purpose("the most viewed products of each UTC day (top N by views, ties to the smaller product_id), "
                    + "one row per rank")
            .column("event_date", SqlType.DATE, PopularProductRow::eventDate)
            .column("rank", SqlType.INTEGER, PopularProductRow::rank).check("rank >= 1")
            .column("product_id", SqlType.BIGINT, PopularProductRow::productId)
            .column("views", SqlType.BIGINT, PopularProductRow::views)
            .column("unique_sessions", SqlType.BIGINT, PopularProductRow::uniqueSessions)
            .column("carts", SqlType.BIGINT, PopularProductRow::carts)
            .column("purchases", SqlType.BIGINT, PopularProductRow::purchases)
            .key("event_date", "rank")
            .period(MartPeriod.day("event_date"))
            .build();

    private PopularProductsDailyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts, int topN) {
        Aggregation.Builder<ClickMartEvent, MartKeys.ProductDay> products = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.ProductDay.class),
                (event, keys) -> keys.accept(new MartKeys.ProductDay(UtcPeriod.DAY.startOf(event.eventTime), event.productId)),
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        Measure views = products.countIf("views", e -> e.eventType == EventType.VIEW);
        Measure carts = products.countIf("carts", e -> e.eventType == EventType.CART);
        Measure purchases = products.countIf("purchases", e -> e.eventType == EventType.PURCHASE);
        DistinctCount sessions = products.distinct("unique_sessions", ClickDimensions.SESSION);
        TopN<ProductDayStats, Long, Long, PopularProductRow> ranking = new TopN<>(topN,
                Types.LONG, ProductDayStats::dayStart, Types.LONG, ProductDayStats::productId,
                (a, b) -> {
                    int byViews = Long.compare(b.views(), a.views());
                    return byViews != 0 ? byViews : Long.compare(a.productId(), b.productId());
                },
                dayStart -> dayStart + UtcPeriod.DAY_MILLIS,
                (dayStart, rank, entry) -> new PopularProductRow(Instant.ofEpochMilli(dayStart), rank,
                        entry.productId(), entry.views(), entry.uniqueSessions(), entry.carts(), entry.purchases()));
        marts.ranked(products.build(),
                (key, v) -> views.of(v) == 0 ? null
                        : new ProductDayStats(key.dayStart(), key.productId(), views.of(v), sessions.of(v), carts.of(v), purchases.of(v)),
                TypeInformation.of(ProductDayStats.class), ranking, TypeInformation.of(PopularProductRow.class), TABLE);
    }
}

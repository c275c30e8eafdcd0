package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.TopN;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code trending_products}: at every refresh instant, the top N products by cart events in the trending
 * window before it; primary key {@code (window_end, rank)}.
 *
 * <pre>
 *  cart events ─> aggregation (window end, product): carts, one key per sliding window the cart lies in
 *     ─keyBy(window end)─> top N by carts ─> sink
 * </pre>
 *
 * <p>A window [end - window, end) is a key like an hour: it closes at end - 1 ms + allowed lateness, so a late cart
 * inside the lateness updates the ranking until then.
 */
public final class TrendingProductsMart {

    /** Names the aggregation's operator {@code clickstream.marts.trending-products.v2} (and its ranker's). */
    public static final String AGGREGATION = "trending-products";

    public static final MartTable<TrendingProductRow> TABLE = MartTable.builder("trending_products",
                    TrendingProductRow.class)
            .purpose("the most carted products of the trending window (default 5 minutes) before each refresh instant "
                    + "window_end (default every minute, UTC epoch-aligned), one row per window_end and rank")
            .column("window_end", SqlType.TIMESTAMPTZ, TrendingProductRow::windowEnd)
            .column("rank", SqlType.INTEGER, TrendingProductRow::rank).check("rank >= 1")
            .column("window_start", SqlType.TIMESTAMPTZ, TrendingProductRow::windowStart)
            .column("product_id", SqlType.BIGINT, TrendingProductRow::productId)
            .column("carts", SqlType.BIGINT, TrendingProductRow::carts)
            .key("window_end", "rank")
            .period(MartPeriod.between("window_start", "window_end"))
            .build();

    private TrendingProductsMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts, int topN, Duration window, Duration refresh) {
        long windowMillis = window.toMillis();
        long refreshMillis = refresh.toMillis();
        Aggregation.Builder<ClickMartEvent, MartKeys.ProductWindow> carts = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.ProductWindow.class),
                (event, keys) -> {
                    if (event.eventType == EventType.CART) {
                        // Every window end W (a multiple of the refresh) with W - window <= time < W.
                        long end = Math.floorDiv(event.eventTime, refreshMillis) * refreshMillis + refreshMillis;
                        for (; end - windowMillis <= event.eventTime; end += refreshMillis) {
                            keys.accept(new MartKeys.ProductWindow(end, event.productId));
                        }
                    }
                },
                MartKeys.ProductWindow::windowEnd);
        Measure count = carts.count("carts");
        TopN<TrendingCount, Long, Long, TrendingProductRow> ranking = new TopN<>(topN,
                Types.LONG, TrendingCount::windowEnd, Types.LONG, TrendingCount::productId,
                (a, b) -> {
                    int byCarts = Long.compare(b.carts(), a.carts());
                    return byCarts != 0 ? byCarts : Long.compare(a.productId(), b.productId());
                },
                windowEnd -> windowEnd,
                (windowEnd, rank, entry) -> new TrendingProductRow(Instant.ofEpochMilli(windowEnd), rank,
                        Instant.ofEpochMilli(windowEnd - windowMillis), entry.productId(), entry.carts()));
        marts.ranked(carts.build(), (key, v) -> new TrendingCount(key.windowEnd(), key.productId(), count.of(v)),
                TypeInformation.of(TrendingCount.class), ranking, TypeInformation.of(TrendingProductRow.class), TABLE);
    }
}

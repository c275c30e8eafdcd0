package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.config.TrendingSettings;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.TopN;
import java.io.Serializable;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * One definition for the trending marts: at every refresh instant, the top N products by events of one type in the
 * window before it; primary key {@code (window_end, rank)}. {@link #PRODUCTS} ({@code trending_products}, carts) and
 * {@link #FAVORITES} ({@code trending_favorites}) are this definition twice; window, refresh and N are options.
 *
 * <pre>
 *  events of the type ─> aggregation (window end, product): count, one key per sliding window the event lies in
 *     ─keyBy(window end)─> top N by count ─> sink
 * </pre>
 *
 * <p>A window [end - window, end) is a key like an hour: it closes at end - 1 ms + allowed lateness, so a late event
 * inside the lateness updates the ranking until then.
 */
public final class TrendingMart implements Serializable {

    private static final long serialVersionUID = 1L;

    /** {@code trending_products}: the most carted products (uids {@code clickstream.marts.trending-products[.rank].v2}). */
    public static final TrendingMart PRODUCTS = new TrendingMart("trending_products", "trending-products",
            EventType.CART, "carts", "most carted");
    /** {@code trending_favorites}: the most favourited products. */
    public static final TrendingMart FAVORITES = new TrendingMart("trending_favorites", "trending-favorites",
            EventType.FAVORITE, "favorites", "most favourited");

    private final String aggregation;
    private final EventType counted;
    private final MartTable<TrendingRow> table;

    private TrendingMart(String table, String aggregation, EventType counted, String countColumn, String superlative) {
        this.aggregation = aggregation;
        this.counted = counted;
        this.table = MartTable.builder(table, TrendingRow.class)
                .purpose("the " + superlative + " products of the trending window (default 5 minutes) before each "
                        + "refresh instant window_end (default every minute, UTC epoch-aligned), one row per "
                        + "window_end and rank")
                .column("window_end", SqlType.TIMESTAMPTZ, TrendingRow::windowEnd)
                .column("rank", SqlType.INTEGER, TrendingRow::rank).check("rank >= 1")
                .column("window_start", SqlType.TIMESTAMPTZ, TrendingRow::windowStart)
                .column("product_id", SqlType.BIGINT, TrendingRow::productId)
                .column(countColumn, SqlType.BIGINT, TrendingRow::events)
                .key("window_end", "rank")
                .period(MartPeriod.between("window_start", "window_end"))
                .build();
    }

    /** The mart's table. */
    public MartTable<TrendingRow> table() {
        return table;
    }

    /** Names the aggregation's operator {@code clickstream.marts.<aggregation>.v2} (and its ranker's). */
    public String aggregation() {
        return aggregation;
    }

    void declare(MartSet.Builder<ClickMartEvent> marts, TrendingSettings shape) {
        long windowMillis = shape.window().toMillis();
        long refreshMillis = shape.refresh().toMillis();
        EventType type = counted;
        Aggregation.Builder<ClickMartEvent, MartKeys.ProductWindow> windows = Aggregation.builder(aggregation,
                TypeInformation.of(MartKeys.ProductWindow.class),
                (event, keys) -> {
                    if (event.eventType == type) {
                        // Every window end W (a multiple of the refresh) with W - window <= time < W.
                        long end = Math.floorDiv(event.eventTime, refreshMillis) * refreshMillis + refreshMillis;
                        for (; end - windowMillis <= event.eventTime; end += refreshMillis) {
                            keys.accept(new MartKeys.ProductWindow(end, event.productId));
                        }
                    }
                },
                MartKeys.ProductWindow::windowEnd);
        // The measure keeps the name it had in trending_products: it names a slot, never state.
        Measure count = windows.count("carts");
        TopN<TrendingCount, Long, Long, TrendingRow> ranking = new TopN<>(shape.topN(),
                Types.LONG, TrendingCount::windowEnd, Types.LONG, TrendingCount::productId,
                (a, b) -> {
                    int byCount = Long.compare(b.carts(), a.carts());
                    return byCount != 0 ? byCount : Long.compare(a.productId(), b.productId());
                },
                windowEnd -> windowEnd,
                (windowEnd, rank, entry) -> new TrendingRow(Instant.ofEpochMilli(windowEnd), rank,
                        Instant.ofEpochMilli(windowEnd - windowMillis), entry.productId(), entry.carts()));
        marts.ranked(windows.build(), (key, v) -> new TrendingCount(key.windowEnd(), key.productId(), count.of(v)),
                TypeInformation.of(TrendingCount.class), ranking, TypeInformation.of(TrendingRow.class), table);
    }
}

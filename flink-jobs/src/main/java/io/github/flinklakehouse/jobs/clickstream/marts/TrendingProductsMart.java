package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.config.ClickstreamSettings;
import java.sql.Timestamp;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * The mart {@code trending_products}: at every refresh instant, the top N products by cart events in the
 * trending window before it; primary key {@code (window_end, rank)}.
 *
 * <pre>
 *  on-time events ─filter(cart)─keyBy(product)─> sliding event-time windows (window, refresh; allowed lateness)
 *     ─keyBy(window end)─> TrendingProductsRanker ─> sink
 * </pre>
 *
 * <p>The windows keep the job's allowed lateness, so an on-time event is never dropped by them and a late
 * firing updates the count; the ranker closes each window end when the window operator drops that window.
 */
public final class TrendingProductsMart implements ClickstreamMart {

    public static final String FILTER_UID = "clickstream.trending-products.cart-events.v1";
    public static final String FILTER_NAME = "Trending cart events";
    public static final String WINDOW_UID = "clickstream.trending-products.window.v1";
    public static final String WINDOW_NAME = "Carts per product per sliding window";
    public static final String RANK_UID = "clickstream.trending-products.rank.v1";
    public static final String RANK_NAME = "Rank trending products per window";
    public static final String SINK_UID = "clickstream.trending-products-sink.v1";
    public static final String SINK_NAME = "trending_products upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<TrendingProductRow> TABLE = new MartTable<>("trending_products",
            TrendingProductRow.class,
            List.of("window_end", "rank", "window_start", "product_id", "carts"),
            List.of("window_end", "rank"),
            (statement, row) -> {
                statement.setTimestamp(1, Timestamp.from(row.windowEnd()));
                statement.setInt(2, row.rank());
                statement.setTimestamp(3, Timestamp.from(row.windowStart()));
                statement.setLong(4, row.productId());
                statement.setLong(5, row.carts());
            },
            MartPeriod.between("window_start", "window_end"));

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        ClickstreamSettings settings = inputs.settings();
        ClickstreamMartSettings marts = settings.marts();
        SingleOutputStreamOperator<TrendingCount> counts = inputs.onTimeEvents()
                .filter(e -> e.event().eventType() == EventType.CART)
                .uid(FILTER_UID)
                .name(FILTER_NAME)
                .keyBy(e -> e.event().productId(), Types.LONG)
                .window(SlidingEventTimeWindows.of(marts.trendingWindow(), marts.trendingRefresh()))
                .allowedLateness(settings.allowedLateness())
                .aggregate(new CountCarts(), new ToTrendingCount(), Types.LONG, Types.LONG,
                        TypeInformation.of(TrendingCount.class))
                .uid(WINDOW_UID)
                .name(WINDOW_NAME);
        SingleOutputStreamOperator<TrendingProductRow> ranked = counts
                .keyBy(TrendingCount::windowEnd, Types.LONG)
                .process(new TrendingProductsRanker(marts.trendingTopN(), marts.trendingWindow(),
                        settings.allowedLateness(), settings.martsFlushInterval()),
                        TypeInformation.of(TrendingProductRow.class))
                .uid(RANK_UID)
                .name(RANK_NAME);
        sinks.sinkFor(TABLE).bind(ranked, SINK_UID, SINK_NAME);
        return List.of();
    }
}

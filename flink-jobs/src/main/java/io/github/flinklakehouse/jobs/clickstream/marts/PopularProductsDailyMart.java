package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.config.ClickstreamSettings;
import java.sql.Date;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code popular_products_daily}: the top N products of each UTC day by views, primary key
 * {@code (event_date, rank)}.
 *
 * <pre>
 *  on-time events ─keyBy(day, product)─> ProductDayStatsFunction ─keyBy(day)─> PopularProductsRanker ─> sink
 * </pre>
 *
 * <p>A day's number of ranks never shrinks (a viewed product stays viewed), so upserts by rank leave no stale
 * rows.
 */
public final class PopularProductsDailyMart implements ClickstreamMart {

    public static final String STATS_UID = "clickstream.popular-products-daily.product-stats.v1";
    public static final String STATS_NAME = "Daily product stats";
    public static final String RANK_UID = "clickstream.popular-products-daily.rank.v1";
    public static final String RANK_NAME = "Rank popular products per day";
    public static final String SINK_UID = "clickstream.popular-products-daily-sink.v1";
    public static final String SINK_NAME = "popular_products_daily upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<PopularProductRow> TABLE = new MartTable<>("popular_products_daily",
            PopularProductRow.class,
            List.of("event_date", "rank", "product_id", "views", "unique_sessions", "carts", "purchases"),
            List.of("event_date", "rank"),
            (statement, row) -> {
                statement.setDate(1, Date.valueOf(row.eventDate()));
                statement.setInt(2, row.rank());
                statement.setLong(3, row.productId());
                statement.setLong(4, row.views());
                statement.setLong(5, row.uniqueSessions());
                statement.setLong(6, row.carts());
                statement.setLong(7, row.purchases());
            },
            MartPeriod.day("event_date"));

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        ClickstreamSettings settings = inputs.settings();
        SingleOutputStreamOperator<ProductDayStats> stats = inputs.onTimeEvents()
                .keyBy(e -> ProductDayStatsFunction.keyOf(e.event()),
                        Types.<Tuple2<Long, Long>>TUPLE(Types.LONG, Types.LONG))
                .process(new ProductDayStatsFunction(settings.allowedLateness(), settings.martsFlushInterval()),
                        TypeInformation.of(ProductDayStats.class))
                .uid(STATS_UID)
                .name(STATS_NAME);
        SingleOutputStreamOperator<PopularProductRow> ranked = stats
                .keyBy(ProductDayStats::dayStart, Types.LONG)
                .process(new PopularProductsRanker(settings.marts().popularTopN(), settings.allowedLateness(),
                        settings.martsFlushInterval()), TypeInformation.of(PopularProductRow.class))
                .uid(RANK_UID)
                .name(RANK_NAME);
        sinks.sinkFor(TABLE).bind(ranked, SINK_UID, SINK_NAME);
        return List.of();
    }
}

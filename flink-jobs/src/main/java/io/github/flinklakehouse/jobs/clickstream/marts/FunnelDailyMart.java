package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code funnel_daily}: one row per UTC day, category_code and brand, primary key
 * {@code (event_date, category_code, brand)}.
 *
 * <p>Only view, cart and purchase events pass the filter; keyed by (day, category, brand), so all of a key's
 * sessions meet in one {@link FunnelDailyFunction}.
 */
public final class FunnelDailyMart implements ClickstreamMart {

    public static final String FILTER_UID = "clickstream.funnel-daily.stage-events.v1";
    public static final String FILTER_NAME = "Funnel stage events";
    public static final String UID = "clickstream.funnel-daily.v1";
    public static final String NAME = "Daily funnel";
    public static final String SINK_UID = "clickstream.funnel-daily-sink.v1";
    public static final String SINK_NAME = "funnel_daily upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<FunnelDailyRow> TABLE = new MartTable<>("funnel_daily", FunnelDailyRow.class,
            List.of("event_date", "category_code", "brand", "sessions_viewed", "sessions_carted", "sessions_purchased",
                    "viewed_and_carted", "carted_and_purchased", "viewed_and_purchased", "view_to_cart",
                    "cart_to_purchase", "view_to_purchase"),
            List.of("event_date", "category_code", "brand"),
            (statement, row) -> {
                statement.setDate(1, Date.valueOf(row.eventDate()));
                statement.setString(2, row.categoryCode());
                statement.setString(3, row.brand());
                statement.setLong(4, row.sessionsViewed());
                statement.setLong(5, row.sessionsCarted());
                statement.setLong(6, row.sessionsPurchased());
                statement.setLong(7, row.viewedAndCarted());
                statement.setLong(8, row.cartedAndPurchased());
                statement.setLong(9, row.viewedAndPurchased());
                setRate(statement, 10, row.viewToCart());
                setRate(statement, 11, row.cartToPurchase());
                setRate(statement, 12, row.viewToPurchase());
            },
            MartPeriod.day("event_date"));

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        SingleOutputStreamOperator<FunnelDailyRow> funnel = inputs.onTimeEvents()
                .filter(e -> FunnelDailyFunction.isFunnelStage(e.event().eventType()))
                .uid(FILTER_UID)
                .name(FILTER_NAME)
                .keyBy(e -> FunnelDailyFunction.keyOf(e.event()),
                        Types.<Tuple3<Long, String, String>>TUPLE(Types.LONG, Types.STRING, Types.STRING))
                .process(new FunnelDailyFunction(inputs.settings().allowedLateness(),
                        inputs.settings().martsFlushInterval()), TypeInformation.of(FunnelDailyRow.class))
                .uid(UID)
                .name(NAME);
        sinks.sinkFor(TABLE).bind(funnel, SINK_UID, SINK_NAME);
        return List.of();
    }

    private static void setRate(PreparedStatement statement, int index, BigDecimal rate) throws SQLException {
        if (rate == null) {
            statement.setNull(index, java.sql.Types.NUMERIC);
        } else {
            statement.setBigDecimal(index, rate);
        }
    }
}

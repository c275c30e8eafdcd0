package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.sql.Date;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code traffic_daily}: one row per UTC day, primary key {@code (event_date)}.
 *
 * <p>Keyed by the day's start (epoch millis), so all events of one day meet in one {@link TrafficDailyFunction}.
 */
public final class TrafficDailyMart implements ClickstreamMart {

    public static final String UID = "clickstream.traffic-daily.v1";
    public static final String NAME = "Daily traffic";
    public static final String SINK_UID = "clickstream.traffic-daily-sink.v1";
    public static final String SINK_NAME = "traffic_daily upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<TrafficDailyRow> TABLE = new MartTable<>("traffic_daily", TrafficDailyRow.class,
            List.of("event_date", "events", "views", "carts", "purchases", "unique_users", "unique_sessions",
                    "unique_products", "revenue", "peak_hour", "peak_hour_events"),
            List.of("event_date"),
            (statement, row) -> {
                statement.setDate(1, Date.valueOf(row.eventDate()));
                statement.setLong(2, row.events());
                statement.setLong(3, row.views());
                statement.setLong(4, row.carts());
                statement.setLong(5, row.purchases());
                statement.setLong(6, row.uniqueUsers());
                statement.setLong(7, row.uniqueSessions());
                statement.setLong(8, row.uniqueProducts());
                statement.setBigDecimal(9, row.revenue());
                statement.setShort(10, (short) row.peakHour());
                statement.setLong(11, row.peakHourEvents());
            },
            MartPeriod.day("event_date"));

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        SingleOutputStreamOperator<TrafficDailyRow> daily = inputs.onTimeEvents()
                .keyBy(e -> UtcPeriod.DAY.startOf(e.event().eventTime()), Types.LONG)
                .process(new TrafficDailyFunction(inputs.settings().allowedLateness(),
                        inputs.settings().martsFlushInterval()), TypeInformation.of(TrafficDailyRow.class))
                .uid(UID)
                .name(NAME);
        sinks.sinkFor(TABLE).bind(daily, SINK_UID, SINK_NAME);
        return List.of();
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.sql.Date;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code traffic_hourly}: one row per UTC hour, primary key {@code (event_date, hour)}.
 *
 * <p>Keyed by the hour, so all events of one hour meet in one {@link TrafficHourlyFunction}.
 */
public final class TrafficHourlyMart implements ClickstreamMart {

    public static final String UID = "clickstream.traffic-hourly.v1";
    public static final String NAME = "Hourly traffic";
    public static final String SINK_UID = "clickstream.traffic-hourly-sink.v1";
    public static final String SINK_NAME = "traffic_hourly upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<TrafficHourlyRow> TABLE = new MartTable<>("traffic_hourly", TrafficHourlyRow.class,
            List.of("event_date", "hour", "events", "views", "carts", "purchases", "unique_users", "unique_sessions",
                    "unique_products", "revenue"),
            List.of("event_date", "hour"),
            (statement, row) -> {
                statement.setDate(1, Date.valueOf(row.eventDate()));
                statement.setShort(2, (short) row.hour());
                statement.setLong(3, row.events());
                statement.setLong(4, row.views());
                statement.setLong(5, row.carts());
                statement.setLong(6, row.purchases());
                statement.setLong(7, row.uniqueUsers());
                statement.setLong(8, row.uniqueSessions());
                statement.setLong(9, row.uniqueProducts());
                statement.setBigDecimal(10, row.revenue());
            },
            MartPeriod.hour("event_date", "hour"));

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        SingleOutputStreamOperator<TrafficHourlyRow> hourly = inputs.onTimeEvents()
                .keyBy(e -> TrafficHourlyFunction.hourOf(e.event().eventTime()), Types.LONG)
                .process(new TrafficHourlyFunction(inputs.settings().allowedLateness(),
                        inputs.settings().martsFlushInterval()), TypeInformation.of(TrafficHourlyRow.class))
                .uid(UID)
                .name(NAME);
        sinks.sinkFor(TABLE).bind(hourly, SINK_UID, SINK_NAME);
        return List.of();
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The mart {@code traffic_hourly}: one row per UTC hour, primary key {@code (event_date, hour)}. */
public final class TrafficHourlyMart {

    /** Names the aggregation's operator {@code clickstream.marts.traffic-hourly.v2}. */
    public static final String AGGREGATION = "traffic-hourly";

    public static final MartTable<TrafficHourlyRow> TABLE = MartTable.builder("traffic_hourly", TrafficHourlyRow.class)
            .purpose("the hourly traffic mart, one row per UTC hour with at least one counted event")
            .column("event_date", SqlType.DATE, TrafficHourlyRow::eventDate)
            .column("hour", SqlType.SMALLINT, TrafficHourlyRow::hour).check("hour BETWEEN 0 AND 23")
            .column("events", SqlType.BIGINT, TrafficHourlyRow::events)
            .column("views", SqlType.BIGINT, TrafficHourlyRow::views)
            .column("carts", SqlType.BIGINT, TrafficHourlyRow::carts)
            .column("purchases", SqlType.BIGINT, TrafficHourlyRow::purchases)
            .column("unique_users", SqlType.BIGINT, TrafficHourlyRow::uniqueUsers)
            .column("unique_sessions", SqlType.BIGINT, TrafficHourlyRow::uniqueSessions)
            .column("unique_products", SqlType.BIGINT, TrafficHourlyRow::uniqueProducts).addedLater("0")
            .column("revenue", SqlType.MONEY, TrafficHourlyRow::revenue)
            .key("event_date", "hour")
            .period(MartPeriod.hour("event_date", "hour"))
            .build();

    private TrafficHourlyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, Long> hourly = Aggregation.builder(AGGREGATION, Types.LONG,
                (event, keys) -> keys.accept(UtcPeriod.HOUR.startOf(event.eventTime)),
                hourStart -> hourStart + UtcPeriod.HOUR_MILLIS);
        TrafficMeasures traffic = new TrafficMeasures(hourly);
        marts.table(hourly.build(), (hourStart, v) -> new TrafficHourlyRow(Instant.ofEpochMilli(hourStart),
                        traffic.events.of(v), traffic.views.of(v), traffic.carts.of(v), traffic.purchases.of(v),
                        traffic.uniqueUsers.of(v), traffic.uniqueSessions.of(v), traffic.uniqueProducts.of(v),
                        traffic.revenue(v)),
                TypeInformation.of(TrafficHourlyRow.class), TABLE);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.EventMeasure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code traffic_daily}: one row per UTC day, primary key {@code (event_date)}: the traffic numbers of
 * the day and its peak hour, from a histogram of events per hour of the day.
 */
public final class TrafficDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.traffic-daily.v2}. */
    public static final String AGGREGATION = "traffic-daily";

    public static final MartTable<TrafficDailyRow> TABLE = MartTable.builder("traffic_daily", TrafficDailyRow.class)
            .purpose("the daily traffic mart, one row per UTC day with at least one counted event, with its peak hour")
            .column("event_date", SqlType.DATE, TrafficDailyRow::eventDate)
            .column("events", SqlType.BIGINT, TrafficDailyRow::events)
            .column("views", SqlType.BIGINT, TrafficDailyRow::views)
            .column("carts", SqlType.BIGINT, TrafficDailyRow::carts)
            .column("purchases", SqlType.BIGINT, TrafficDailyRow::purchases)
            .column("unique_users", SqlType.BIGINT, TrafficDailyRow::uniqueUsers)
            .column("unique_sessions", SqlType.BIGINT, TrafficDailyRow::uniqueSessions)
            .column("unique_products", SqlType.BIGINT, TrafficDailyRow::uniqueProducts)
            .column("revenue", SqlType.MONEY, TrafficDailyRow::revenue)
            .column("peak_hour", SqlType.SMALLINT, TrafficDailyRow::peakHour).check("peak_hour BETWEEN 0 AND 23")
            .column("peak_hour_events", SqlType.BIGINT, TrafficDailyRow::peakHourEvents)
            .key("event_date")
            .period(MartPeriod.day("event_date"))
            .build();

    private TrafficDailyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, Long> daily = Aggregation.builder(AGGREGATION, Types.LONG,
                (event, keys) -> keys.accept(UtcPeriod.DAY.startOf(event.eventTime)),
                dayStart -> dayStart + UtcPeriod.DAY_MILLIS);
        TrafficMeasures traffic = new TrafficMeasures(daily);
        EventMeasure.Histogram<ClickMartEvent> perHour =
                daily.histogram("events_per_hour", 24, event -> UtcPeriod.hourOfDay(event.eventTime));
        marts.table(daily.build(), (dayStart, v) -> {
            int peak = peakHour(perHour, v);
            return new TrafficDailyRow(Instant.ofEpochMilli(dayStart), traffic.events.of(v), traffic.views.of(v),
                    traffic.carts.of(v), traffic.purchases.of(v), traffic.uniqueUsers.of(v),
                    traffic.uniqueSessions.of(v), traffic.uniqueProducts.of(v), traffic.revenue(v), peak,
                    perHour.at(v, peak));
        }, TypeInformation.of(TrafficDailyRow.class), TABLE);
    }

    /** The hour of day with the most events; ties go to the earliest hour. */
    static int peakHour(EventMeasure.Histogram<ClickMartEvent> perHour, long[] values) {
        int peak = 0;
        for (int hour = 1; hour < perHour.slots(); hour++) {
            if (perHour.at(values, hour) > perHour.at(values, peak)) {
                peak = hour;
            }
        }
        return peak;
    }
}

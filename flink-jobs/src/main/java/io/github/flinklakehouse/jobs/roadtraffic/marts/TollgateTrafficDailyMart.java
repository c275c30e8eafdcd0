package io.github.flinklakehouse.jobs.roadtraffic.marts;

import static io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts.ofCounts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.EventMeasure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code tollgate_traffic_daily}: vehicles per UTC day and toll gate, and each vehicle class's volume and
 * share of it (both directions and lane types together).
 *
 * <pre>
 *  aggregation (day, gate): sum of amounts, sum per vehicle class 1-6, unreported counts ─> sink
 * </pre>
 */
public final class TollgateTrafficDailyMart {

    /** Names the aggregation's operator {@code road-traffic.marts.tollgate-traffic-daily.v2}. */
    public static final String AGGREGATION = "tollgate-traffic-daily";

    /** The vehicle classes of KEC's {@code carType}. */
    public static final int CAR_TYPES = 6;

    public static final MartTable<TollgateTrafficDailyRow> TABLE = table();

    private TollgateTrafficDailyMart() {
    }

    private static MartTable<TollgateTrafficDailyRow> table() {
        MartTable.Builder<TollgateTrafficDailyRow> table = MartTable.builder("tollgate_traffic_daily",
                        TollgateTrafficDailyRow.class)
                .purpose("vehicles per UTC day and toll gate, with each vehicle class's volume and share "
                        + "(share NULL when the volume is 0)")
                .column("event_date", SqlType.DATE, TollgateTrafficDailyRow::eventDate)
                .column("unit_code", SqlType.TEXT, TollgateTrafficDailyRow::unitCode)
                .column("region", SqlType.TEXT, TollgateTrafficDailyRow::region)
                .column("volume", SqlType.BIGINT, TollgateTrafficDailyRow::volume);
        for (int car = 1; car <= CAR_TYPES; car++) {
            int carType = car;
            table.column("volume_car_" + car, SqlType.BIGINT, row -> row.volumeOf(carType));
        }
        for (int car = 1; car <= CAR_TYPES; car++) {
            int carType = car;
            table.nullableColumn("share_car_" + car, SqlType.RATE, row -> row.shareOf(carType));
        }
        return table.column("unreported_counts", SqlType.BIGINT, TollgateTrafficDailyRow::unreportedCounts)
                .key("event_date", "unit_code")
                .period(MartPeriod.day("event_date"))
                .build();
    }

    static void declare(MartSet.Builder<TrafficMartEvent> marts) {
        Aggregation.Builder<TrafficMartEvent, GateDay> daily = Aggregation.builder(AGGREGATION,
                TypeInformation.of(GateDay.class),
                ofCounts(e -> new GateDay(UtcPeriod.DAY.startOf(e.slotStart()), e.unitCode(), e.region())),
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        EventMeasure<TrafficMartEvent> volume = daily.sum("volume", TrafficMartEvent::amount);
        List<EventMeasure<TrafficMartEvent>> byCar = new ArrayList<>();
        for (int car = 1; car <= CAR_TYPES; car++) {
            String carType = Integer.toString(car);
            byCar.add(daily.sum("volume_car_" + car, e -> carType.equals(e.carType()) ? e.amount() : 0L));
        }
        EventMeasure<TrafficMartEvent> unreported = daily.sum("unreported_counts", TrafficMartEvent::unreported);
        marts.table(daily.build(), (key, v) -> {
            long[] cars = new long[CAR_TYPES];
            for (int i = 0; i < CAR_TYPES; i++) {
                cars[i] = byCar.get(i).of(v);
            }
            return new TollgateTrafficDailyRow(Instant.ofEpochMilli(key.dayStart()), key.unitCode(), key.region(),
                    volume.of(v), cars, unreported.of(v));
        }, TypeInformation.of(TollgateTrafficDailyRow.class), TABLE);
    }
}

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
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code tollgate_traffic_hourly}: vehicles per UTC hour, toll gate, direction, vehicle class and lane type.
 *
 * <pre>
 *  aggregation (hour, gate, direction, class, lane): sum of amounts, counts, unreported counts ─> sink
 * </pre>
 */
public final class TollgateTrafficHourlyMart {

    /** Names the aggregation's operator {@code road-traffic.marts.tollgate-traffic-hourly.v2}. */
    public static final String AGGREGATION = "tollgate-traffic-hourly";

    public static final MartTable<TollgateTrafficHourlyRow> TABLE = MartTable.builder("tollgate_traffic_hourly",
                    TollgateTrafficHourlyRow.class)
            .purpose("vehicles per UTC hour, toll gate, direction (inout_type), vehicle class (car_type) and lane "
                    + "type (tcs_type)")
            .column("event_date", SqlType.DATE, TollgateTrafficHourlyRow::eventDate)
            .column("hour", SqlType.SMALLINT, TollgateTrafficHourlyRow::hour).check("hour BETWEEN 0 AND 23")
            .column("unit_code", SqlType.TEXT, TollgateTrafficHourlyRow::unitCode)
            .column("inout_type", SqlType.TEXT, TollgateTrafficHourlyRow::inoutType)
            .column("car_type", SqlType.TEXT, TollgateTrafficHourlyRow::carType)
            .column("tcs_type", SqlType.TEXT, TollgateTrafficHourlyRow::tcsType)
            .column("region", SqlType.TEXT, TollgateTrafficHourlyRow::region)
            .column("volume", SqlType.BIGINT, TollgateTrafficHourlyRow::volume)
            .column("counts", SqlType.BIGINT, TollgateTrafficHourlyRow::counts)
            .column("unreported_counts", SqlType.BIGINT, TollgateTrafficHourlyRow::unreportedCounts)
            .key("event_date", "hour", "unit_code", "inout_type", "car_type", "tcs_type")
            .period(MartPeriod.hour("event_date", "hour"))
            .build();

    private TollgateTrafficHourlyMart() {
    }

    static void declare(MartSet.Builder<TrafficMartEvent> marts) {
        Aggregation.Builder<TrafficMartEvent, GateHour> hourly = Aggregation.builder(AGGREGATION,
                TypeInformation.of(GateHour.class),
                ofCounts(e -> new GateHour(UtcPeriod.HOUR.startOf(e.slotStart()), e.unitCode(), e.region(),
                        e.inoutType(), e.carType(), e.tcsType())),
                key -> key.hourStart() + UtcPeriod.HOUR_MILLIS);
        EventMeasure<TrafficMartEvent> volume = hourly.sum("volume", TrafficMartEvent::amount);
        EventMeasure<TrafficMartEvent> counts = hourly.sum("counts", TrafficMartEvent::weight);
        EventMeasure<TrafficMartEvent> unreported = hourly.sum("unreported_counts", TrafficMartEvent::unreported);
        marts.table(hourly.build(), (key, v) -> new TollgateTrafficHourlyRow(Instant.ofEpochMilli(key.hourStart()),
                        key.unitCode(), key.region(), key.inoutType(), key.carType(), key.tcsType(), volume.of(v),
                        counts.of(v), unreported.of(v)),
                TypeInformation.of(TollgateTrafficHourlyRow.class), TABLE);
    }
}

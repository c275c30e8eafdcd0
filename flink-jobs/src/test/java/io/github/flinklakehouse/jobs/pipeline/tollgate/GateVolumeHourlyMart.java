package io.github.flinklakehouse.jobs.pipeline.tollgate;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.Dimension;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.EventMeasure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/** The second pipeline's one mart, declared with the public mart API only: traffic volume per gate and hour. */
public final class GateVolumeHourlyMart {

    /** Vehicles, counted distinctly per gate and hour. */
    static final Dimension<GatePassage, Long> VEHICLE = Dimension.of("vehicle", Types.LONG, GatePassage::vehicleId);

    public static final MartTable<GateVolumeRow> TABLE = MartTable.builder("gate_volume_hourly", GateVolumeRow.class)
            .purpose("vehicles per toll gate and UTC hour")
            .column("gate_id", SqlType.INTEGER, GateVolumeRow::gateId)
            .column("event_date", SqlType.DATE, GateVolumeRow::eventDate)
            .column("hour", SqlType.SMALLINT, GateVolumeRow::hour).check("hour BETWEEN 0 AND 23")
            .column("vehicles", SqlType.BIGINT, GateVolumeRow::vehicles)
            .column("distinct_vehicles", SqlType.BIGINT, GateVolumeRow::distinctVehicles)
            .column("axles", SqlType.BIGINT, GateVolumeRow::axles)
            .column("heaviest", SqlType.BIGINT, GateVolumeRow::heaviest)
            .key("gate_id", "event_date", "hour")
            .period(MartPeriod.hour("event_date", "hour"))
            .build();

    private GateVolumeHourlyMart() {
    }

    /** The pipeline's marts: this one table. */
    static MartSet<GatePassage> marts() {
        Aggregation.Builder<GatePassage, GateHour> hourly = Aggregation.builder("gate-volume-hourly",
                TypeInformation.of(GateHour.class),
                (passage, keys) -> keys.accept(new GateHour(passage.gateId(), UtcPeriod.HOUR.startOf(passage.passedAt()))),
                key -> key.hourStart() + UtcPeriod.HOUR_MILLIS);
        EventMeasure<GatePassage> vehicles = hourly.count("vehicles");
        DistinctCount distinct = hourly.distinct("distinct_vehicles", VEHICLE);
        EventMeasure<GatePassage> axles = hourly.sum("axles", GatePassage::axles);
        EventMeasure<GatePassage> heaviest = hourly.max("heaviest", GatePassage::axles);
        return MartSet.builder(TollGatePipeline.NAME, TypeInformation.of(GatePassage.class), GatePassage::passedAt)
                .table(hourly.build(), (key, v) -> new GateVolumeRow(key.gateId(), Instant.ofEpochMilli(key.hourStart()),
                        vehicles.of(v), distinct.of(v), axles.of(v), heaviest.of(v)),
                        TypeInformation.of(GateVolumeRow.class), TABLE)
                .build();
    }
}

package io.github.flinklakehouse.jobs.pipeline.tollgate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code gate_volume_hourly}.
 *
 * @param gateId the gate
 * @param hourStart the UTC hour
 * @param vehicles passages
 * @param distinctVehicles distinct vehicles
 * @param axles axles of all passages
 * @param heaviest most axles of one vehicle
 */
public record GateVolumeRow(int gateId, Instant hourStart, long vehicles, long distinctVehicles, long axles,
        long heaviest) {

    public LocalDate eventDate() {
        return hourStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public int hour() {
        return hourStart.atZone(ZoneOffset.UTC).getHour();
    }
}

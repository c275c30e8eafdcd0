package io.github.flinklakehouse.jobs.pipeline.tollgate;

/**
 * The key of {@code gate_volume_hourly}: one gate in one UTC hour.
 *
 * @param gateId the gate
 * @param hourStart start of the hour, epoch millis
 */
public record GateHour(int gateId, long hourStart) {
}

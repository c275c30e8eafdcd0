package io.github.flinklakehouse.jobs.pipeline.tollgate;

/**
 * One vehicle passing a toll gate: the second pipeline's own event type (nothing of the clickstream's).
 *
 * @param gateId the gate
 * @param vehicleId the vehicle (counted distinctly per gate and hour)
 * @param axles the vehicle's axles (summed: the toll depends on them)
 * @param passedAt event time, epoch millis
 */
public record GatePassage(int gateId, long vehicleId, long axles, long passedAt) {
}

package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * One toll gate on one UTC day (the region rides along: it depends on the gate).
 *
 * @param dayStart start of the UTC day, epoch millis
 * @param unitCode toll-gate code
 * @param region the gate's region
 */
public record GateDay(long dayStart, String unitCode, String region) {
}

package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * The key of {@code tollgate_traffic_hourly}: one toll gate, direction, vehicle class and lane type in one UTC hour
 * (the region rides along: it depends on the gate).
 *
 * @param hourStart start of the UTC hour, epoch millis
 * @param unitCode toll-gate code
 * @param region the gate's region
 * @param inoutType direction code
 * @param carType vehicle class
 * @param tcsType lane type
 */
public record GateHour(long hourStart, String unitCode, String region, String inoutType, String carType,
        String tcsType) {
}

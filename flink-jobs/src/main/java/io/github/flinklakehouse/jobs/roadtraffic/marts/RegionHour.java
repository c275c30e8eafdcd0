package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * The key of the region marts: one region in one UTC hour.
 *
 * @param hourStart start of the UTC hour, epoch millis
 * @param region the region of the toll-gate dimension ({@code unknown} for gates it does not list)
 */
public record RegionHour(long hourStart, String region) {
}

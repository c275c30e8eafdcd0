package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * The absolute volume of one region in one UTC hour: the entry {@code region_congestion_hourly} compares with the same
 * hour of earlier weeks.
 *
 * @param hourStart start of the UTC hour, epoch millis
 * @param region the region
 * @param volume vehicles of the hour
 * @param counts counts (gate x direction x lane x class x slot) received for the hour
 */
public record RegionHourVolume(long hourStart, String region, long volume, long counts) {
}

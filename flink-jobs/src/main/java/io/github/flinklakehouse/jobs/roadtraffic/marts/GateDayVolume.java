package io.github.flinklakehouse.jobs.roadtraffic.marts;

/**
 * A toll gate's vehicles on one UTC day, as the first stage of {@code tollgate_top_daily} hands them to the ranker.
 *
 * @param dayStart start of the UTC day, epoch millis
 * @param unitCode toll-gate code
 * @param region the gate's region
 * @param volume vehicles of the day
 */
public record GateDayVolume(long dayStart, String unitCode, String region, long volume) {
}

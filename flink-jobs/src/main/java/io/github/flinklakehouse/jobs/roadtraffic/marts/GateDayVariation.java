package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.math.BigDecimal;

/**
 * How much one toll gate's hourly volume varied over one UTC day, as the first stage of
 * {@code tollgate_volatility_daily} hands it to the ranker.
 *
 * @param dayStart start of the UTC day, epoch millis
 * @param unitCode toll-gate code
 * @param region the gate's region
 * @param hours hours of the day with at least one measurement
 * @param volume vehicles of the day
 * @param meanHourlyVolume volume / hours, 4 decimals half up
 * @param coefficientOfVariation population standard deviation of the hourly volumes / their mean, 4 decimals half up
 */
public record GateDayVariation(long dayStart, String unitCode, String region, int hours, long volume,
        BigDecimal meanHourlyVolume, BigDecimal coefficientOfVariation) {
}

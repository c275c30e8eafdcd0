package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.region_congestion_hourly} ({@link RegionCongestionHourlyMart} defines the columns).
 *
 * @param hourStart the UTC hour
 * @param region the region
 * @param volume vehicles of the hour
 * @param counts counts received for the hour
 * @param historyWeeks earlier weeks with counts in the same hour (0 to 4)
 * @param usualVolume their mean volume, or null without history
 * @param congestionRatio volume / usual volume, or null without history or with a usual volume of 0
 * @param congestionLevel {@code light}, {@code normal}, {@code busy}, {@code congested} or {@code unknown}
 */
public record RegionCongestionHourlyRow(Instant hourStart, String region, long volume, long counts, int historyWeeks,
        BigDecimal usualVolume, BigDecimal congestionRatio, String congestionLevel) {

    public LocalDate eventDate() {
        return hourStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public int hour() {
        return hourStart.atZone(ZoneOffset.UTC).getHour();
    }
}

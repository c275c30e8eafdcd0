package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.tollgate_traffic_daily}: a toll gate's vehicles of one UTC day, by vehicle class.
 *
 * @param dayStart the UTC day
 * @param unitCode toll-gate code
 * @param region the gate's region
 * @param volume vehicles of the day, all classes, both directions and lane types
 * @param volumeByCarType vehicles of class 1..6 (index 0..5)
 * @param unreportedCounts counts with an empty amount
 */
public record TollgateTrafficDailyRow(Instant dayStart, String unitCode, String region, long volume,
        long[] volumeByCarType, long unreportedCounts) {

    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** Vehicles of class {@code carType} (1..6). */
    public long volumeOf(int carType) {
        return volumeByCarType[carType - 1];
    }

    /** Share of class {@code carType} in the day's volume, 4 decimals half up; null when the volume is 0. */
    public BigDecimal shareOf(int carType) {
        return volume == 0 ? null
                : BigDecimal.valueOf(volumeOf(carType)).divide(BigDecimal.valueOf(volume), 4, RoundingMode.HALF_UP);
    }
}

package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.tollgate_volatility_daily}: the toll gate at one rank of one UTC day by the variation of its
 * hourly volume.
 *
 * @param dayStart the UTC day
 * @param rank 1 = most variable
 * @param entry the gate's numbers
 */
public record TollgateVolatilityDailyRow(Instant dayStart, int rank, GateDayVariation entry) {

    public LocalDate eventDate() {
        return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public String unitCode() {
        return entry.unitCode();
    }

    public String region() {
        return entry.region();
    }

    public int hours() {
        return entry.hours();
    }

    public long volume() {
        return entry.volume();
    }

    public BigDecimal meanHourlyVolume() {
        return entry.meanHourlyVolume();
    }

    public BigDecimal coefficientOfVariation() {
        return entry.coefficientOfVariation();
    }
}

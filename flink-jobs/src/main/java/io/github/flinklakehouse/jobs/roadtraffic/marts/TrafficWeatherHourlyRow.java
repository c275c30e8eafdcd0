package io.github.flinklakehouse.jobs.roadtraffic.marts;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * One row of {@code marts.traffic_weather_hourly} ({@link TrafficWeatherHourlyMart} defines the columns).
 *
 * @param hourStart the UTC hour
 * @param region the region
 * @param volume vehicles of the hour
 * @param counts counts received for the hour
 * @param forecastBaseTime base time of the forecast used, or null without forecast
 * @param forecastCells the region's grid cells that forecast has values of (0 without forecast)
 * @param temperatureC mean temperature (T1H), or null
 * @param precipitationType most common precipitation type code (PTY), or null
 * @param precipitationMm mean precipitation in the hour (RN1), or null
 * @param sky most common sky code (SKY), or null
 */
public record TrafficWeatherHourlyRow(Instant hourStart, String region, long volume, long counts,
        Instant forecastBaseTime, int forecastCells, BigDecimal temperatureC, Integer precipitationType,
        BigDecimal precipitationMm, Integer sky) {

    public LocalDate eventDate() {
        return hourStart.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public int hour() {
        return hourStart.atZone(ZoneOffset.UTC).getHour();
    }
}

package io.github.flinklakehouse.jobs.roadtraffic;

/**
 * One row of {@code raw.weather_forecast}: one KMA forecast (or observation) value of one category for one 5 km grid
 * cell, base time and forecast time. The value is kept as delivered, and as a number where the documented rules give
 * one ({@link ForecastValues}).
 *
 * @param baseTime when the forecast was issued (KST {@code baseDate}/{@code baseTime}), epoch millis UTC
 * @param forecastTime the time it describes ({@code fcstDate}/{@code fcstTime}); for an observation the base time
 * @param nx grid column
 * @param ny grid row
 * @param category KMA category code, e.g. {@code T1H}, {@code RN1}, {@code PTY}, {@code SKY}
 * @param valueText the value exactly as delivered ({@code fcstValue} or {@code obsrValue})
 * @param valueNumeric the parsed value, or null when the text has no numeric reading (or is KMA's missing marker)
 * @param source {@code http}
 * @param sourcePosition {@code <endpoint>@<window start ms>/page <n>/item <i>}
 * @param ingestedAt end of the polled window, epoch millis
 */
public record WeatherForecast(
        long baseTime,
        long forecastTime,
        int nx,
        int ny,
        String category,
        String valueText,
        Double valueNumeric,
        String source,
        String sourcePosition,
        long ingestedAt) {
}

package io.github.flinklakehouse.jobs.roadtraffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns a forecast value that arrived after the watermark passed its forecast time + allowed lateness into a
 * {@code LATE} dead letter: it is in {@code raw.weather_forecast} but not in {@code traffic_weather_hourly}, whose
 * hour was already final. The payload is the row as JSON; source and position point at the polled item.
 */
public final class LateForecastDeadLetters implements MapFunction<WeatherForecast, DeadLetter> {

    private static final long serialVersionUID = 1L;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public DeadLetter map(WeatherForecast late) throws JsonProcessingException {
        return new DeadLetter(LateCountDeadLetters.LATE, "forecast for " + Instant.ofEpochMilli(late.forecastTime())
                + " (base time " + Instant.ofEpochMilli(late.baseTime()) + ") arrived after the watermark passed its "
                + "forecast time + road-traffic.allowed-lateness; not in the marts", MAPPER.writeValueAsBytes(late),
                late.source(), late.sourcePosition(), Instant.ofEpochMilli(late.ingestedAt()));
    }
}

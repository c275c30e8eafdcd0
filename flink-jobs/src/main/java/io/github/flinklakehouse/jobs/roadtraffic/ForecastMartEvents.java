package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.jobs.roadtraffic.marts.TrafficMartEvent;
import io.github.flinklakehouse.jobs.roadtraffic.marts.TrafficWeatherHourlyMart;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Projects a forecast value for the marts ({@code traffic_weather_hourly}): a value of a category the mart reads
 * ({@link TrafficWeatherHourlyMart#CATEGORIES}) with a numeric reading becomes one event per region whose toll gates
 * lie in its grid cell, the value in hundredths (rounded half up). Other categories, values without a numeric
 * reading and cells no gate lies in are not projected; they stay in {@code raw.weather_forecast}.
 */
public final class ForecastMartEvents implements FlatMapFunction<WeatherForecast, TrafficMartEvent> {

    private static final long serialVersionUID = 1L;

    private final TollGateDirectory gates;

    public ForecastMartEvents(TollGateDirectory gates) {
        this.gates = gates;
    }

    @Override
    public void flatMap(WeatherForecast forecast, Collector<TrafficMartEvent> out) {
        if (forecast.valueNumeric() == null || !TrafficWeatherHourlyMart.CATEGORIES.contains(forecast.category())) {
            return;
        }
        long hundredths = BigDecimal.valueOf(forecast.valueNumeric()).movePointRight(2)
                .setScale(0, RoundingMode.HALF_UP).longValue();
        List<String> regions = gates.regionsOf(forecast.nx(), forecast.ny());
        for (String region : regions) {
            out.collect(TrafficMartEvent.forecast(forecast.forecastTime(), region, forecast.category(),
                    forecast.baseTime(), hundredths));
        }
    }
}

package io.github.flinklakehouse.jobs.roadtraffic;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;

/** Converts a {@link WeatherForecast} into a row of {@code raw.weather_forecast} (column order of RawTables). */
public final class WeatherForecastRows implements MapFunction<WeatherForecast, RowData> {

    private static final long serialVersionUID = 1L;

    @Override
    public RowData map(WeatherForecast w) {
        return GenericRowData.of(
                TimestampData.fromEpochMillis(w.baseTime()),
                TimestampData.fromEpochMillis(w.forecastTime()),
                w.nx(), w.ny(),
                TollgateTrafficRows.text(w.category()), TollgateTrafficRows.text(w.valueText()), w.valueNumeric(),
                TollgateTrafficRows.text(w.source()), TollgateTrafficRows.text(w.sourcePosition()),
                TimestampData.fromEpochMillis(w.ingestedAt()));
    }
}

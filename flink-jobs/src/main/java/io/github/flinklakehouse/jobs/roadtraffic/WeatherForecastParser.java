package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.http.HttpRecord;
import java.util.regex.Pattern;

/**
 * Turns one polled KMA item ({@code getUltraSrtFcst}, {@code getVilageFcst} or {@code getUltraSrtNcst}) into a
 * {@link WeatherForecast} row or a typed dead letter; never throws.
 *
 * <p>Required: {@code baseDate}/{@code baseTime} (KST), {@code category} (2-4 upper-case letters or digits),
 * {@code nx} (1..149) and {@code ny} (1..253) as numbers or numeric strings, and either {@code fcstDate},
 * {@code fcstTime} and {@code fcstValue} (forecasts) or {@code obsrValue} (observations, whose forecast time is
 * their base time). The value is kept as text and read by {@link ForecastValues}.
 */
public final class WeatherForecastParser {

    private static final Pattern CATEGORY = Pattern.compile("[A-Z0-9]{2,4}");
    private static final int MAX_NX = 149;
    private static final int MAX_NY = 253;

    private WeatherForecastParser() {
    }

    /** Parses {@code record}. */
    public static Parsed<WeatherForecast> parse(HttpRecord record) {
        try {
            PolledFields fields = PolledFields.of(record);
            long baseTime = fields.kstInstant("baseDate", "baseTime");
            String category = fields.required("category");
            if (!CATEGORY.matcher(category).matches()) {
                throw new PolledFields.Rejection(RoadTrafficRejectReason.WRONG_TYPE,
                        "category " + PolledFields.quoted(category) + " is not a KMA category code");
            }
            int nx = gridCoordinate(fields, "nx", MAX_NX);
            int ny = gridCoordinate(fields, "ny", MAX_NY);
            String observed = fields.optional("obsrValue");
            long forecastTime;
            String value;
            if (observed != null) {
                forecastTime = baseTime;
                value = observed;
            } else {
                value = fields.required("fcstValue");
                forecastTime = fields.kstInstant("fcstDate", "fcstTime");
            }
            return Parsed.of(new WeatherForecast(baseTime, forecastTime, nx, ny, category, value,
                    ForecastValues.numeric(value), "http", PolledFields.position(record), record.windowEndMs()));
        } catch (PolledFields.Rejection rejection) {
            return Parsed.rejected(PolledFields.deadLetter(record, rejection.reason(), rejection.getMessage()));
        } catch (RuntimeException bug) {
            return Parsed.rejected(PolledFields.deadLetter(record, RoadTrafficRejectReason.PARSER_FAILURE,
                    "parser failed: " + bug));
        }
    }

    private static int gridCoordinate(PolledFields fields, String name, int max) {
        int value = fields.wholeNumber(name);
        if (value < 1 || value > max) {
            throw new PolledFields.Rejection(RoadTrafficRejectReason.OUT_OF_RANGE,
                    name + " " + value + " is outside the KMA grid (1.." + max + ")");
        }
        return value;
    }
}

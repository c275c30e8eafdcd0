package io.github.flinklakehouse.jobs.roadtraffic.marts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.EventMeasure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code traffic_weather_hourly}: vehicles per UTC hour and region beside the weather forecast for that hour
 * in the grid cells of the region's toll gates.
 *
 * <pre>
 *  counts ────────────────────┐
 *  forecast values, one per ──┴─> aggregation (hour, region): volume, counts, and per forecast age (base time 0..5
 *  region of their grid cell       hours before the latest possible one): base time, T1H and RN1 sums, PTY and SKY
 *                                  code histograms ─> sink (hours with counts only)
 * </pre>
 *
 * <p><b>Which forecast</b>: the KMA ultra-short forecast ({@code getUltraSrtFcst}) with forecast time = the hour's
 * start, from the <b>latest base time before the hour</b> for which the region has values (normally the HH:30 KST
 * issue 30 minutes before the hour; when that poll failed, the one an hour older, and so on, up to 6 hours, the range
 * of an ultra-short forecast). Values of several base times are never mixed. {@code forecast_base_time} says which
 * base time was used; without any forecast the weather columns are NULL.
 *
 * <p><b>The region's weather</b> over its grid cells (each distinct cell of its gates once, however many gates share
 * it): temperature ({@code T1H}, degrees C) and precipitation ({@code RN1}, mm in the hour, text values read by the
 * documented rules of {@code ForecastValues}) are the mean of the cells' values, rounded half up to 2 decimals;
 * precipitation type ({@code PTY}: 0 none, 1 rain, 2 rain and snow, 3 snow, 5 drizzle, 6 drizzle and snow flurries,
 * 7 snow flurries) and sky ({@code SKY}: 1 clear, 3 mostly cloudy, 4 overcast) are the code most of the cells have,
 * ties to the larger code. Values without a numeric reading are in {@code raw.weather_forecast} only.
 */
public final class TrafficWeatherHourlyMart {

    /** Names the aggregation's operator {@code road-traffic.marts.traffic-weather-hourly.v2}. */
    public static final String AGGREGATION = "traffic-weather-hourly";

    /** How many base times before the hour are looked at (an ultra-short forecast reaches 6 hours ahead). */
    public static final int FORECAST_AGES = 6;

    public static final String TEMPERATURE = "T1H";
    public static final String PRECIPITATION = "RN1";
    public static final String PRECIPITATION_TYPE = "PTY";
    public static final String SKY = "SKY";

    /** The categories the mart reads. */
    public static final List<String> CATEGORIES = List.of(TEMPERATURE, PRECIPITATION, PRECIPITATION_TYPE, SKY);

    private static final int PTY_CODES = 8;
    private static final int SKY_CODES = 5;

    public static final MartTable<TrafficWeatherHourlyRow> TABLE = MartTable.builder("traffic_weather_hourly",
                    TrafficWeatherHourlyRow.class)
            .purpose("vehicles per UTC hour and region beside the ultra-short forecast for the hour (latest base time "
                    + "before it) in the grid cells of the region's gates: mean temperature and precipitation, most "
                    + "common precipitation type and sky code; weather NULL without a forecast")
            .column("event_date", SqlType.DATE, TrafficWeatherHourlyRow::eventDate)
            .column("hour", SqlType.SMALLINT, TrafficWeatherHourlyRow::hour).check("hour BETWEEN 0 AND 23")
            .column("region", SqlType.TEXT, TrafficWeatherHourlyRow::region)
            .column("volume", SqlType.BIGINT, TrafficWeatherHourlyRow::volume)
            .column("counts", SqlType.BIGINT, TrafficWeatherHourlyRow::counts)
            .nullableColumn("forecast_base_time", SqlType.TIMESTAMPTZ, TrafficWeatherHourlyRow::forecastBaseTime)
            .column("forecast_cells", SqlType.SMALLINT, TrafficWeatherHourlyRow::forecastCells)
            .nullableColumn("temperature_c", SqlType.RATE, TrafficWeatherHourlyRow::temperatureC)
            .nullableColumn("precipitation_type", SqlType.SMALLINT, TrafficWeatherHourlyRow::precipitationType)
            .nullableColumn("precipitation_mm", SqlType.RATE, TrafficWeatherHourlyRow::precipitationMm)
            .nullableColumn("sky", SqlType.SMALLINT, TrafficWeatherHourlyRow::sky)
            .key("event_date", "hour", "region")
            .period(MartPeriod.hour("event_date", "hour"))
            .build();

    private TrafficWeatherHourlyMart() {
    }

    /** The measures of the forecasts of one age. */
    private record Age(EventMeasure<TrafficMartEvent> base, EventMeasure<TrafficMartEvent> temperatureSum,
            EventMeasure<TrafficMartEvent> temperatures, EventMeasure<TrafficMartEvent> precipitationSum,
            EventMeasure<TrafficMartEvent> precipitations, EventMeasure.Histogram<TrafficMartEvent> types,
            EventMeasure.Histogram<TrafficMartEvent> skies) implements Serializable {
    }

    static void declare(MartSet.Builder<TrafficMartEvent> marts) {
        Aggregation.Builder<TrafficMartEvent, RegionHour> hourly = Aggregation.builder(AGGREGATION,
                TypeInformation.of(RegionHour.class),
                (e, keys) -> {
                    if (e.isCount() || ageOf(e) >= 0) {
                        keys.accept(new RegionHour(UtcPeriod.HOUR.startOf(e.slotStart()), e.region()));
                    }
                },
                key -> key.hourStart() + UtcPeriod.HOUR_MILLIS);
        EventMeasure<TrafficMartEvent> volume = hourly.sum("volume", TrafficMartEvent::amount);
        EventMeasure<TrafficMartEvent> counts = hourly.sum("counts", TrafficMartEvent::weight);
        List<Age> ages = new ArrayList<>();
        for (int age = 0; age < FORECAST_AGES; age++) {
            int a = age;
            ages.add(new Age(
                    hourly.max("base_" + a, e -> ageOf(e) == a ? e.forecastBase() : Long.MIN_VALUE),
                    hourly.sum("t1h_sum_" + a, e -> is(e, a, TEMPERATURE) ? e.forecastHundredths() : 0L),
                    hourly.countIf("t1h_n_" + a, e -> is(e, a, TEMPERATURE)),
                    hourly.sum("rn1_sum_" + a, e -> is(e, a, PRECIPITATION) ? e.forecastHundredths() : 0L),
                    hourly.countIf("rn1_n_" + a, e -> is(e, a, PRECIPITATION)),
                    hourly.histogram("pty_" + a, PTY_CODES, e -> is(e, a, PRECIPITATION_TYPE) ? code(e) : -1),
                    hourly.histogram("sky_" + a, SKY_CODES, e -> is(e, a, SKY) ? code(e) : -1)));
        }
        marts.table(hourly.build(), (key, v) -> {
            if (counts.of(v) <= 0) {
                // Only forecasts so far (they arrive before the hour's counts): no row yet.
                return null;
            }
            Instant hour = Instant.ofEpochMilli(key.hourStart());
            for (Age age : ages) {
                if (age.base().of(v) != Long.MIN_VALUE) {
                    long temperatures = age.temperatures().of(v);
                    long precipitations = age.precipitations().of(v);
                    long types = total(age.types(), v);
                    long skies = total(age.skies(), v);
                    long cells = Math.max(Math.max(temperatures, precipitations), Math.max(types, skies));
                    return new TrafficWeatherHourlyRow(hour, key.region(), volume.of(v), counts.of(v),
                            Instant.ofEpochMilli(age.base().of(v)), (int) Math.min(cells, Short.MAX_VALUE),
                            mean(age.temperatureSum().of(v), temperatures), mostCommon(age.types(), v),
                            mean(age.precipitationSum().of(v), precipitations), mostCommon(age.skies(), v));
                }
            }
            return new TrafficWeatherHourlyRow(hour, key.region(), volume.of(v), counts.of(v), null, 0, null, null,
                    null, null);
        }, TypeInformation.of(TrafficWeatherHourlyRow.class), TABLE);
    }

    /**
     * How many hours older than the latest possible one ({@code base < hour}) a forecast value's base time is: 0 for
     * a base time in the hour before, up to 5; -1 for a count, a forecast time not on the hour or an older base time.
     */
    static int ageOf(TrafficMartEvent event) {
        if (event.isCount() || event.slotStart() != UtcPeriod.HOUR.startOf(event.slotStart())
                || event.forecastBase() >= event.slotStart()) {
            return -1;
        }
        long age = (event.slotStart() - 1 - event.forecastBase()) / UtcPeriod.HOUR_MILLIS;
        return age < FORECAST_AGES ? (int) age : -1;
    }

    private static boolean is(TrafficMartEvent event, int age, String category) {
        return category.equals(event.forecastCategory()) && ageOf(event) == age;
    }

    /** A code value (hundredths of a whole number) as a histogram slot, or -1 when it is no whole number. */
    private static int code(TrafficMartEvent event) {
        long hundredths = event.forecastHundredths();
        return hundredths % 100 == 0 && hundredths >= 0 && hundredths < 100L * Math.max(PTY_CODES, SKY_CODES)
                ? (int) (hundredths / 100) : -1;
    }

    private static long total(EventMeasure.Histogram<TrafficMartEvent> histogram, long[] values) {
        long total = 0;
        for (int slot = 0; slot < histogram.slots(); slot++) {
            total += histogram.at(values, slot);
        }
        return total;
    }

    /** The slot with the most events, ties to the larger slot; null when empty. */
    private static Integer mostCommon(EventMeasure.Histogram<TrafficMartEvent> histogram, long[] values) {
        Integer best = null;
        long most = 0;
        for (int slot = 0; slot < histogram.slots(); slot++) {
            long n = histogram.at(values, slot);
            if (n > 0 && n >= most) {
                best = slot;
                most = n;
            }
        }
        return best;
    }

    /** The mean of {@code n} values summing to {@code hundredths}, rounded half up to 2 decimals; null when none. */
    private static BigDecimal mean(long hundredths, long n) {
        return n == 0 ? null : BigDecimal.valueOf(hundredths).divide(BigDecimal.valueOf(n * 100), 2,
                RoundingMode.HALF_UP);
    }
}

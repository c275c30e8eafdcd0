package io.github.flinklakehouse.jobs.roadtraffic.marts;

import static io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts.ofCounts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.EventMeasure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.TopN;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code tollgate_volatility_daily}: the N toll gates of each UTC day whose hourly volume varied most, by
 * coefficient of variation (population standard deviation of the hourly volumes divided by their mean).
 *
 * <pre>
 *  aggregation (day, gate): volume and measurements per UTC hour (48 sums) ─keyBy(day)─> top N by CV ─> sink
 * </pre>
 *
 * <p>Only hours with at least one measurement take part (a day the data covers in part is not diluted by zeros of
 * hours never polled); a gate with fewer than two such hours or no vehicles has no CV and no rank. CV is computed
 * exactly as {@code sqrt(n * sum(v^2) - sum(v)^2) / sum(v)} and rounded half up to 4 decimals; ties go to the smaller
 * code.
 */
public final class TollgateVolatilityDailyMart {

    /** Names the aggregation's operator {@code road-traffic.marts.tollgate-volatility-daily.v2} (and its ranker's). */
    public static final String AGGREGATION = "tollgate-volatility-daily";

    public static final MartTable<TollgateVolatilityDailyRow> TABLE = MartTable.builder("tollgate_volatility_daily",
                    TollgateVolatilityDailyRow.class)
            .purpose("the toll gates whose hourly volume varied most on each UTC day (top N by coefficient of "
                    + "variation over the hours with measurements, ties to the smaller unit_code), one row per rank")
            .column("event_date", SqlType.DATE, TollgateVolatilityDailyRow::eventDate)
            .column("rank", SqlType.INTEGER, TollgateVolatilityDailyRow::rank).check("rank >= 1")
            .column("unit_code", SqlType.TEXT, TollgateVolatilityDailyRow::unitCode)
            .column("region", SqlType.TEXT, TollgateVolatilityDailyRow::region)
            .column("coefficient_of_variation", SqlType.RATE, TollgateVolatilityDailyRow::coefficientOfVariation)
            .column("mean_hourly_volume", SqlType.RATE, TollgateVolatilityDailyRow::meanHourlyVolume)
            .column("hours", SqlType.SMALLINT, TollgateVolatilityDailyRow::hours)
            .column("volume", SqlType.BIGINT, TollgateVolatilityDailyRow::volume)
            .key("event_date", "rank")
            .period(MartPeriod.day("event_date"))
            .build();

    private static final int HOURS = 24;

    private TollgateVolatilityDailyMart() {
    }

    static void declare(MartSet.Builder<TrafficMartEvent> marts, int topN) {
        Aggregation.Builder<TrafficMartEvent, GateDay> gates = Aggregation.builder(AGGREGATION,
                TypeInformation.of(GateDay.class),
                ofCounts(e -> new GateDay(UtcPeriod.DAY.startOf(e.slotStart()), e.unitCode(), e.region())),
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        List<EventMeasure<TrafficMartEvent>> volumes = new ArrayList<>();
        List<EventMeasure<TrafficMartEvent>> measurements = new ArrayList<>();
        for (int hour = 0; hour < HOURS; hour++) {
            int h = hour;
            volumes.add(gates.sum("volume_" + hour, e -> hourOf(e) == h ? e.amount() : 0L));
            measurements.add(gates.sum("measurements_" + hour, e -> hourOf(e) == h ? e.weight() : 0L));
        }
        TopN<GateDayVariation, Long, String, TollgateVolatilityDailyRow> ranking = new TopN<>(topN,
                Types.LONG, GateDayVariation::dayStart, Types.STRING, GateDayVariation::unitCode,
                (a, b) -> {
                    int byCv = b.coefficientOfVariation().compareTo(a.coefficientOfVariation());
                    return byCv != 0 ? byCv : a.unitCode().compareTo(b.unitCode());
                },
                dayStart -> dayStart + UtcPeriod.DAY_MILLIS,
                (dayStart, rank, entry) -> new TollgateVolatilityDailyRow(Instant.ofEpochMilli(dayStart), rank, entry));
        marts.ranked(gates.build(), (key, v) -> {
            List<Long> hourly = new ArrayList<>();
            for (int hour = 0; hour < HOURS; hour++) {
                if (measurements.get(hour).of(v) > 0) {
                    hourly.add(volumes.get(hour).of(v));
                }
            }
            return variation(key, hourly);
        }, TypeInformation.of(GateDayVariation.class), ranking, TypeInformation.of(TollgateVolatilityDailyRow.class),
                TABLE);
    }

    /** The day's variation of {@code hourly} volumes, or null (no rank) with fewer than two hours or no vehicles. */
    static GateDayVariation variation(GateDay key, List<Long> hourly) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger squares = BigInteger.ZERO;
        for (long volume : hourly) {
            sum = sum.add(BigInteger.valueOf(volume));
            squares = squares.add(BigInteger.valueOf(volume).pow(2));
        }
        if (hourly.size() < 2 || sum.signum() <= 0) {
            return null;
        }
        BigInteger n = BigInteger.valueOf(hourly.size());
        BigDecimal spread = new BigDecimal(n.multiply(squares).subtract(sum.pow(2))).sqrt(MathContext.DECIMAL128);
        BigDecimal cv = spread.divide(new BigDecimal(sum), 4, RoundingMode.HALF_UP);
        BigDecimal mean = new BigDecimal(sum).divide(new BigDecimal(n), 4, RoundingMode.HALF_UP);
        return new GateDayVariation(key.dayStart(), key.unitCode(), key.region(), hourly.size(), sum.longValueExact(),
                mean, cv);
    }

    private static int hourOf(TrafficMartEvent event) {
        return (int) ((event.slotStart() - UtcPeriod.DAY.startOf(event.slotStart())) / UtcPeriod.HOUR_MILLIS);
    }
}

package io.github.flinklakehouse.jobs.roadtraffic.marts;

import static io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts.ofCounts;

import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.EventMeasure;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Trailing;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code region_congestion_hourly}: vehicles per UTC hour and region, and how congested the hour is compared
 * with that region's usual volume for the same hour of the week.
 *
 * <pre>
 *  aggregation (hour, region): sum of amounts, counts ─keyBy(region)─> beside the same hour 1..4 weeks before ─> sink
 * </pre>
 *
 * <p><b>Usual volume</b>: the mean volume of the region in the same UTC hour of the {@value #HISTORY_WEEKS} previous
 * weeks (hour - 7 days, ..., hour - 28 days), over the weeks in which the region had counts in that hour
 * ({@code history_weeks} of them; a week without counts, e.g. while the job was down, is left out, not read as 0).
 * The history is the job's own: a live job builds it up over its first four weeks, and a backfill knows the weeks of
 * its own range (start it four weeks earlier to have history from the first day).
 *
 * <p><b>Congestion ratio</b> = volume / usual volume, rounded half up to 4 decimals; the <b>level</b> is decided on
 * the exact ratio:
 * <table>
 *   <caption>Congestion levels</caption>
 *   <tr><th>ratio</th><th>congestion_level</th></tr>
 *   <tr><td>below 0.8</td><td>{@code light}</td></tr>
 *   <tr><td>0.8 to below 1.2</td><td>{@code normal}</td></tr>
 *   <tr><td>1.2 to below 1.5</td><td>{@code busy}</td></tr>
 *   <tr><td>1.5 or more</td><td>{@code congested}</td></tr>
 *   <tr><td>no earlier week with counts, or a usual volume of 0</td><td>{@code unknown} (usual volume and ratio
 *       NULL when there is no history; ratio NULL when the usual volume is 0)</td></tr>
 * </table>
 */
public final class RegionCongestionHourlyMart {

    /** Names the aggregation's operator {@code road-traffic.marts.region-congestion-hourly.v2} (and its trailing). */
    public static final String AGGREGATION = "region-congestion-hourly";

    /** How many earlier weeks the usual volume is the mean of. */
    public static final int HISTORY_WEEKS = 4;

    public static final String LIGHT = "light";
    public static final String NORMAL = "normal";
    public static final String BUSY = "busy";
    public static final String CONGESTED = "congested";
    public static final String UNKNOWN = "unknown";

    /** The lower bounds of {@code normal}, {@code busy} and {@code congested}. */
    public static final BigDecimal NORMAL_FROM = new BigDecimal("0.8");
    public static final BigDecimal BUSY_FROM = new BigDecimal("1.2");
    public static final BigDecimal CONGESTED_FROM = new BigDecimal("1.5");

    private static final long WEEK_MILLIS = 7 * UtcPeriod.DAY_MILLIS;

    public static final MartTable<RegionCongestionHourlyRow> TABLE = MartTable.builder("region_congestion_hourly",
                    RegionCongestionHourlyRow.class)
            .purpose("vehicles per UTC hour and region beside the region's usual volume for that hour of the week "
                    + "(mean of the same hour in the previous " + HISTORY_WEEKS + " weeks that had counts) and the "
                    + "congestion level: ratio < 0.8 light, < 1.2 normal, < 1.5 busy, else congested; unknown without "
                    + "history")
            .column("event_date", SqlType.DATE, RegionCongestionHourlyRow::eventDate)
            .column("hour", SqlType.SMALLINT, RegionCongestionHourlyRow::hour).check("hour BETWEEN 0 AND 23")
            .column("region", SqlType.TEXT, RegionCongestionHourlyRow::region)
            .column("volume", SqlType.BIGINT, RegionCongestionHourlyRow::volume)
            .column("counts", SqlType.BIGINT, RegionCongestionHourlyRow::counts)
            .column("history_weeks", SqlType.SMALLINT, RegionCongestionHourlyRow::historyWeeks)
            .check("history_weeks BETWEEN 0 AND " + HISTORY_WEEKS)
            .nullableColumn("usual_volume", SqlType.RATE, RegionCongestionHourlyRow::usualVolume)
            .nullableColumn("congestion_ratio", SqlType.RATE, RegionCongestionHourlyRow::congestionRatio)
            .column("congestion_level", SqlType.TEXT, RegionCongestionHourlyRow::congestionLevel)
            .key("event_date", "hour", "region")
            .period(MartPeriod.hour("event_date", "hour"))
            .build();

    private RegionCongestionHourlyMart() {
    }

    static void declare(MartSet.Builder<TrafficMartEvent> marts) {
        Aggregation.Builder<TrafficMartEvent, RegionHour> hourly = Aggregation.builder(AGGREGATION,
                TypeInformation.of(RegionHour.class),
                ofCounts(e -> new RegionHour(UtcPeriod.HOUR.startOf(e.slotStart()), e.region())),
                key -> key.hourStart() + UtcPeriod.HOUR_MILLIS);
        EventMeasure<TrafficMartEvent> volume = hourly.sum("volume", TrafficMartEvent::amount);
        EventMeasure<TrafficMartEvent> counts = hourly.sum("counts", TrafficMartEvent::weight);
        Trailing<RegionHourVolume, String, RegionCongestionHourlyRow> weeks = new Trailing<>(Types.STRING,
                RegionHourVolume::region, RegionHourVolume::hourStart,
                entry -> entry.hourStart() + UtcPeriod.HOUR_MILLIS, WEEK_MILLIS, HISTORY_WEEKS,
                RegionCongestionHourlyMart::row);
        marts.trailing(hourly.build(), (key, v) -> counts.of(v) > 0
                        ? new RegionHourVolume(key.hourStart(), key.region(), volume.of(v), counts.of(v)) : null,
                TypeInformation.of(RegionHourVolume.class), weeks, TypeInformation.of(RegionCongestionHourlyRow.class),
                TABLE);
    }

    /** The row of {@code hour} given the same hour of the earlier weeks ({@code earlier}, null where none). */
    static RegionCongestionHourlyRow row(RegionHourVolume hour, List<RegionHourVolume> earlier) {
        int weeks = 0;
        long sum = 0;
        for (RegionHourVolume week : earlier) {
            if (week != null) {
                weeks++;
                sum = Math.addExact(sum, week.volume());
            }
        }
        Instant start = Instant.ofEpochMilli(hour.hourStart());
        if (weeks == 0) {
            return new RegionCongestionHourlyRow(start, hour.region(), hour.volume(), hour.counts(), 0, null, null,
                    UNKNOWN);
        }
        BigDecimal usual = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(weeks), 4, RoundingMode.HALF_UP);
        if (sum == 0) {
            return new RegionCongestionHourlyRow(start, hour.region(), hour.volume(), hour.counts(), weeks, usual,
                    null, UNKNOWN);
        }
        // ratio = volume * weeks / sum, compared exactly with each bound.
        BigDecimal scaled = BigDecimal.valueOf(hour.volume()).multiply(BigDecimal.valueOf(weeks));
        BigDecimal total = BigDecimal.valueOf(sum);
        String level = scaled.compareTo(NORMAL_FROM.multiply(total)) < 0 ? LIGHT
                : scaled.compareTo(BUSY_FROM.multiply(total)) < 0 ? NORMAL
                : scaled.compareTo(CONGESTED_FROM.multiply(total)) < 0 ? BUSY : CONGESTED;
        return new RegionCongestionHourlyRow(start, hour.region(), hour.volume(), hour.counts(), weeks, usual,
                scaled.divide(total, 4, RoundingMode.HALF_UP), level);
    }
}

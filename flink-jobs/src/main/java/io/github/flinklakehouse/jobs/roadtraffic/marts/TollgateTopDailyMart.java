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
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code tollgate_top_daily}: the N toll gates with the most vehicles of each UTC day, one row per rank.
 *
 * <pre>
 *  aggregation (day, gate): sum of amounts ─keyBy(day)─> top N by volume (ties to the smaller code) ─> sink
 * </pre>
 *
 * <p>Gates with a volume of 0 are ranked too (a gate that reported only zeros is still a gate of that day). A day's
 * number of ranks never shrinks, so upserts by rank leave no stale rows.
 */
public final class TollgateTopDailyMart {

    /** Names the aggregation's operator {@code road-traffic.marts.tollgate-top-daily.v2} (and its ranker's). */
    public static final String AGGREGATION = "tollgate-top-daily";

    public static final MartTable<TollgateTopDailyRow> TABLE = MartTable.builder("tollgate_top_daily",
                    TollgateTopDailyRow.class)
            .purpose("the toll gates with the most vehicles of each UTC day (top N by volume, ties to the smaller "
                    + "unit_code), one row per rank")
            .column("event_date", SqlType.DATE, TollgateTopDailyRow::eventDate)
            .column("rank", SqlType.INTEGER, TollgateTopDailyRow::rank).check("rank >= 1")
            .column("unit_code", SqlType.TEXT, TollgateTopDailyRow::unitCode)
            .column("region", SqlType.TEXT, TollgateTopDailyRow::region)
            .column("volume", SqlType.BIGINT, TollgateTopDailyRow::volume)
            .key("event_date", "rank")
            .period(MartPeriod.day("event_date"))
            .build();

    private TollgateTopDailyMart() {
    }

    static void declare(MartSet.Builder<TrafficMartEvent> marts, int topN) {
        Aggregation.Builder<TrafficMartEvent, GateDay> gates = Aggregation.builder(AGGREGATION,
                TypeInformation.of(GateDay.class),
                ofCounts(e -> new GateDay(UtcPeriod.DAY.startOf(e.slotStart()), e.unitCode(), e.region())),
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        EventMeasure<TrafficMartEvent> volume = gates.sum("volume", TrafficMartEvent::amount);
        TopN<GateDayVolume, Long, String, TollgateTopDailyRow> ranking = new TopN<>(topN,
                Types.LONG, GateDayVolume::dayStart, Types.STRING, GateDayVolume::unitCode,
                (a, b) -> {
                    int byVolume = Long.compare(b.volume(), a.volume());
                    return byVolume != 0 ? byVolume : a.unitCode().compareTo(b.unitCode());
                },
                dayStart -> dayStart + UtcPeriod.DAY_MILLIS,
                (dayStart, rank, entry) -> new TollgateTopDailyRow(Instant.ofEpochMilli(dayStart), rank,
                        entry.unitCode(), entry.region(), entry.volume()));
        marts.ranked(gates.build(),
                (key, v) -> new GateDayVolume(key.dayStart(), key.unitCode(), key.region(), volume.of(v)),
                TypeInformation.of(GateDayVolume.class), ranking, TypeInformation.of(TollgateTopDailyRow.class), TABLE);
    }
}

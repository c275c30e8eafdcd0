package io.github.flinklakehouse.jobs.roadtraffic.marts;

import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.engine.EventFunctions;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficSettings;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Every road-traffic mart, declared on the mart engine in a fixed order (new marts go after the existing ones: the
 * engine's state numbers aggregations by declaration order), with {@code pipeline_freshness}.
 */
public final class RoadTrafficMarts {

    /** The pipeline's name: prefix of every mart operator's uid. */
    public static final String PIPELINE = "road-traffic";

    private RoadTrafficMarts() {
    }

    /** The marts with the shapes of {@code settings}. */
    public static MartSet<TrafficMartEvent> of(RoadTrafficSettings settings) {
        MartSet.Builder<TrafficMartEvent> marts = MartSet.builder(PIPELINE, TypeInformation.of(TrafficMartEvent.class),
                TrafficMartEvent::countedTime);
        TollgateTrafficHourlyMart.declare(marts);
        TollgateTrafficDailyMart.declare(marts);
        TollgateTopDailyMart.declare(marts, settings.topGatesN());
        TollgateVolatilityDailyMart.declare(marts, settings.topGatesN());
        RegionCongestionHourlyMart.declare(marts);
        TrafficWeatherHourlyMart.declare(marts);
        return marts.withFreshness().build();
    }

    /** The keys of a mart of the toll-gate counts: {@code key} of a count; a forecast value counts under none. */
    static <K> EventFunctions.GroupKeys<TrafficMartEvent, K> ofCounts(KeyOf<K> key) {
        return (event, keys) -> {
            if (event.isCount()) {
                keys.accept(key.of(event));
            }
        };
    }

    /** The one key of a count. */
    @FunctionalInterface
    interface KeyOf<K> extends Serializable {
        K of(TrafficMartEvent event);
    }

    /** Every table the marts write ({@code pipeline_freshness} last). */
    public static List<MartTable<?>> tables(RoadTrafficSettings settings) {
        return of(settings).tables();
    }

    /**
     * Every table the job writes into the marts schema: the marts' and {@code rejected_daily} (shared with the other
     * pipelines; the job writes and a backfill replaces only this pipeline's rows).
     */
    public static List<MartTable<?>> tablesWithRejected(RoadTrafficSettings settings) {
        List<MartTable<?>> tables = new ArrayList<>(tables(settings));
        tables.add(RejectedDailyMart.TABLE);
        return List.copyOf(tables);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.DistinctCount;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The mart {@code search_volume_hourly}: search events per UTC hour and region ({@code ''} when missing), primary key
 * {@code (event_date, hour, region)}. Only search events have keys here.
 */
public final class SearchVolumeHourlyMart {

    /** Names the aggregation's operator {@code clickstream.marts.search-volume-hourly.v2}. */
    public static final String AGGREGATION = "search-volume-hourly";

    public static final MartTable<SearchVolumeHourlyRow> TABLE = MartTable.builder("search_volume_hourly",
                    SearchVolumeHourlyRow.class)
            .purpose("search events per UTC hour and region ('' when missing), with distinct users and sessions")
            .column("event_date", SqlType.DATE, SearchVolumeHourlyRow::eventDate)
            .column("hour", SqlType.SMALLINT, SearchVolumeHourlyRow::hour).check("hour BETWEEN 0 AND 23")
            .column("region", SqlType.TEXT, SearchVolumeHourlyRow::region)
            .column("searches", SqlType.BIGINT, SearchVolumeHourlyRow::searches)
            .column("unique_users", SqlType.BIGINT, SearchVolumeHourlyRow::uniqueUsers)
            .column("unique_sessions", SqlType.BIGINT, SearchVolumeHourlyRow::uniqueSessions)
            .key("event_date", "hour", "region")
            .period(MartPeriod.hour("event_date", "hour"))
            .build();

    private SearchVolumeHourlyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts) {
        Aggregation.Builder<ClickMartEvent, MartKeys.RegionHour> searches = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.RegionHour.class),
                (event, keys) -> {
                    if (event.eventType == EventType.SEARCH) {
                        keys.accept(new MartKeys.RegionHour(UtcPeriod.HOUR.startOf(event.eventTime),
                                MartKeys.orEmpty(event.region)));
                    }
                },
                key -> key.hourStart() + UtcPeriod.HOUR_MILLIS);
        Measure count = searches.count("searches");
        DistinctCount users = searches.distinct("unique_users", ClickDimensions.USER);
        DistinctCount sessions = searches.distinct("unique_sessions", ClickDimensions.SESSION);
        marts.table(searches.build(), (key, v) -> new SearchVolumeHourlyRow(Instant.ofEpochMilli(key.hourStart()),
                        key.region(), count.of(v), users.of(v), sessions.of(v)),
                TypeInformation.of(SearchVolumeHourlyRow.class), TABLE);
    }
}

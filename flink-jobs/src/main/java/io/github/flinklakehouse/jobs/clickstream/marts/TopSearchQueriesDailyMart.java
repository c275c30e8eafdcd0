package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.TopN;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The mart {@code top_search_queries_daily}: the top N normalised queries ({@link SearchQueries}) of each UTC day and
 * region, primary key {@code (event_date, region, rank)}.
 *
 * <pre>
 *  search events ─> aggregation (day, region, query): searches ─keyBy(day, region)─> top N by searches ─> sink
 * </pre>
 *
 * <p>A region's day only gains queries, so its number of ranks never shrinks and upserts by rank leave no stale rows.
 */
public final class TopSearchQueriesDailyMart {

    /** Names the aggregation's operator {@code clickstream.marts.top-search-queries-daily.v2} (and its ranker's). */
    public static final String AGGREGATION = "top-search-queries-daily";

    public static final MartTable<TopSearchQueryRow> TABLE = MartTable.builder("top_search_queries_daily",
                    TopSearchQueryRow.class)
            .purpose("the most searched normalised queries (trimmed, lower case, spaces collapsed; '' for none) of "
                    + "each UTC day and region, one row per rank")
            .column("event_date", SqlType.DATE, TopSearchQueryRow::eventDate)
            .column("region", SqlType.TEXT, TopSearchQueryRow::region)
            .column("rank", SqlType.INTEGER, TopSearchQueryRow::rank).check("rank >= 1")
            .column("query", SqlType.TEXT, TopSearchQueryRow::query)
            .column("searches", SqlType.BIGINT, TopSearchQueryRow::searches)
            .key("event_date", "region", "rank")
            .period(MartPeriod.day("event_date"))
            .build();

    private TopSearchQueriesDailyMart() {
    }

    static void declare(MartSet.Builder<ClickMartEvent> marts, int topN) {
        Aggregation.Builder<ClickMartEvent, MartKeys.QueryDay> queries = Aggregation.builder(AGGREGATION,
                TypeInformation.of(MartKeys.QueryDay.class),
                (event, keys) -> {
                    if (event.eventType == EventType.SEARCH) {
                        // The projection normalised the query already.
                        keys.accept(new MartKeys.QueryDay(UtcPeriod.DAY.startOf(event.eventTime),
                                MartKeys.orEmpty(event.region), event.searchQuery));
                    }
                },
                key -> key.dayStart() + UtcPeriod.DAY_MILLIS);
        Measure searches = queries.count("searches");
        TopN<SearchQueryCount, MartKeys.RegionDay, String, TopSearchQueryRow> ranking = new TopN<>(topN,
                TypeInformation.of(MartKeys.RegionDay.class), SearchQueryCount::regionDay,
                Types.STRING, SearchQueryCount::query,
                (a, b) -> {
                    int bySearches = Long.compare(b.searches(), a.searches());
                    return bySearches != 0 ? bySearches : SearchQueries.compareCodePoints(a.query(), b.query());
                },
                regionDay -> regionDay.dayStart() + UtcPeriod.DAY_MILLIS,
                (regionDay, rank, entry) -> new TopSearchQueryRow(Instant.ofEpochMilli(regionDay.dayStart()),
                        regionDay.region(), rank, entry.query(), entry.searches()));
        marts.ranked(queries.build(),
                (key, v) -> new SearchQueryCount(key.dayStart(), key.region(), key.query(), searches.of(v)),
                TypeInformation.of(SearchQueryCount.class), ranking, TypeInformation.of(TopSearchQueryRow.class),
                TABLE);
    }
}

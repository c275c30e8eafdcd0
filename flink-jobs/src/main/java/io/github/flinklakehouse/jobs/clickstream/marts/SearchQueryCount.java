package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Searches for one normalised query in one region on one UTC day, as the aggregation of
 * {@code top_search_queries_daily} hands them to the ranker (an absolute count).
 *
 * @param dayStart start of the UTC day, epoch millis
 * @param region region, {@code ""} when missing
 * @param query the query normalised by {@link SearchQueries#normalize}
 * @param searches search events with that query
 */
public record SearchQueryCount(long dayStart, String region, String query, long searches) {

    /** The ranking group: the region on the day. */
    public MartKeys.RegionDay regionDay() {
        return new MartKeys.RegionDay(dayStart, region);
    }
}

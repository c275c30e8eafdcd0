package io.github.flinklakehouse.jobs.clickstream.marts;

/**
 * Running counters of one category on one day, kept in keyed state (a Flink POJO, so no Kryo); the distinct
 * users and sessions live in map state beside it.
 */
public class CategoryTotals {

    public long events;
    public long uniqueSessions;
    public long uniqueUsers;

    public CategoryTotals() {
    }
}

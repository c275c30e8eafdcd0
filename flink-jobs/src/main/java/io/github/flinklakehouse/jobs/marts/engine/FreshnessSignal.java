package io.github.flinklakehouse.jobs.marts.engine;

/**
 * What {@code pipeline_freshness} learns from the event streams: late events to add to its count and the
 * largest event time seen so far by one parallel instance.
 *
 * @param lateEvents late events this signal stands for (1 for a late event, 0 for a progress report)
 * @param maxEventTime largest event time (epoch millis) seen, {@link Long#MIN_VALUE} when none
 */
public record FreshnessSignal(long lateEvents, long maxEventTime) {

    /** The signal of one late event. */
    public static FreshnessSignal lateEvent(long eventTime) {
        return new FreshnessSignal(1, eventTime);
    }

    /** The progress report of a parallel instance of the on-time stream. */
    public static FreshnessSignal progress(long maxEventTime) {
        return new FreshnessSignal(0, maxEventTime);
    }
}

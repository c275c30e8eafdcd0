package io.github.flinklakehouse.jobs.clickstream;

/**
 * Names of the accumulators a clickstream run reports: the web UI shows them (job → Accumulators) and
 * {@code lakehouse backfill} polls them over REST for its progress line and final summary.
 */
public final class ProgressCounters {

    /** Records read from the input (Kafka records, file lines without headers, lake rows). */
    public static final String ROWS_READ = "rows-read";
    /** File bytes consumed (compressed bytes of gzipped files), for the ETA of file backfills. */
    public static final String BYTES_READ = "bytes-read";
    /** Valid events left out because their event time lies outside the backfill's range. */
    public static final String OUTSIDE_RANGE = "outside-range";
    /** Events that reached the raw events sink (written, or counted only when a backfill does not write raw). */
    public static final String RAW_EVENTS = "raw-events";
    /** Prefix of one accumulator per dead-letter reason, e.g. {@code rejected.BAD_PRICE}. */
    public static final String REJECTED_PREFIX = "rejected.";
    /** Accepted events not appended because their position is already in raw.clickstream_events (Kafka backfill). */
    public static final String RAW_ALREADY_IN_LAKE = "raw-already-in-lake";
    /** Dead letters not appended because their position is already in raw.rejected_events (Kafka backfill). */
    public static final String REJECTED_ALREADY_IN_LAKE = "rejected-already-in-lake";

    /** Facts that reached {@code fact_user_events} (with the warehouse; a replayed fact counts again). */
    public static final String FACT_ROWS = "fact-rows";

    private ProgressCounters() {
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How the mart engine runs: the lateness every mart shares and how often partial values and rows are flushed.
 *
 * @param allowedLateness how far behind the watermark an event may arrive and still count; keys close at
 *     period end - 1 ms + this
 * @param flushInterval longest time a partial value waits in a subtask's buffer, and how often a changed row is
 *     emitted while its key is open
 * @param maxBufferedKeys partial values and batch entries the pre-aggregation buffers before it flushes early
 *     (bounds its memory)
 * @param maxBufferedCounts keys with a distinct-count change a dimension stage's subtask buffers (over all its
 *     aggregations, checked every 1,024 batches) before it flushes early
 */
public record MartEngineSettings(Duration allowedLateness, Duration flushInterval, int maxBufferedKeys,
        int maxBufferedCounts) implements Serializable {

    /** Buffered keys per pre-aggregation before an early flush: a few MB of partial values at most. */
    public static final int DEFAULT_MAX_BUFFERED_KEYS = 20_000;

    /**
     * Buffered keys per dimension stage subtask before an early flush (about 15-25 MB). A stage's +1/-1 changes
     * combine only when many values share a key, and a batch job flushes on this bound alone (its watermark moves at
     * the end): with 20,000 the session stage of a 10,000,000-row backfill sent 5.6 million partials on, with 100,000
     * it sent 165,000.
     */
    public static final int DEFAULT_MAX_BUFFERED_COUNTS = 100_000;

    public MartEngineSettings {
        Objects.requireNonNull(allowedLateness, "allowedLateness");
        Objects.requireNonNull(flushInterval, "flushInterval");
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be > 0, was " + flushInterval);
        }
        if (maxBufferedKeys < 1) {
            throw new IllegalArgumentException("maxBufferedKeys must be >= 1, was " + maxBufferedKeys);
        }
        if (maxBufferedCounts < 1) {
            throw new IllegalArgumentException("maxBufferedCounts must be >= 1, was " + maxBufferedCounts);
        }
    }

    /** The settings with the default buffer bounds. */
    public MartEngineSettings(Duration allowedLateness, Duration flushInterval) {
        this(allowedLateness, flushInterval, DEFAULT_MAX_BUFFERED_KEYS, DEFAULT_MAX_BUFFERED_COUNTS);
    }
}

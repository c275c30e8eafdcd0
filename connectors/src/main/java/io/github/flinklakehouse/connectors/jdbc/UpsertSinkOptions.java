package io.github.flinklakehouse.connectors.jdbc;

import java.io.Serializable;
import java.time.Duration;

/**
 * How an upsert sink batches its writes: a batch is flushed when full, after the interval, and on checkpoints.
 *
 * @param batchSize rows per JDBC batch
 * @param batchInterval longest time a row waits in a batch; this is how fast a mart row becomes visible
 * @param maxRetries retries of a failed batch before the task fails (and the restart strategy takes over)
 */
public record UpsertSinkOptions(int batchSize, Duration batchInterval, int maxRetries) implements Serializable {

    public UpsertSinkOptions {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (batchInterval.isNegative()) {
            throw new IllegalArgumentException("batchInterval must not be negative, was " + batchInterval);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
    }

    /** Batches of up to 2,000 rows, flushed at least every {@code interval}, 3 retries. */
    public static UpsertSinkOptions flushingEvery(Duration interval) {
        return new UpsertSinkOptions(2_000, interval, 3);
    }
}

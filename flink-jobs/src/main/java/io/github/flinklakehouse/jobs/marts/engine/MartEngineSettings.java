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
 * @param maxBufferedKeys partial values a stage buffers before it flushes early (bounds its memory)
 */
public record MartEngineSettings(Duration allowedLateness, Duration flushInterval, int maxBufferedKeys)
        implements Serializable {

    /** Buffered keys per stage before an early flush: a few MB of partial values at most. */
    public static final int DEFAULT_MAX_BUFFERED_KEYS = 20_000;

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
    }

    /** The settings with the default buffer bound. */
    public MartEngineSettings(Duration allowedLateness, Duration flushInterval) {
        this(allowedLateness, flushInterval, DEFAULT_MAX_BUFFERED_KEYS);
    }
}

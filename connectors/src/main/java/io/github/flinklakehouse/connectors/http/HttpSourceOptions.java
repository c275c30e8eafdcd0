package io.github.flinklakehouse.connectors.http;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Timing, politeness and fault settings of an {@link HttpSource}; validated by {@link HttpSourceBuilder}.
 *
 * @param windowSize length of each polled time window
 * @param startTime start of the first window (windows are {@code [start + k*size, start + (k+1)*size)})
 * @param endTime exclusive end of the last window for a bounded run (backfill), or null to run forever
 * @param publishDelay how long after a window ends its data is published; the window is polled then
 *     (negative, down to {@code -windowSize}, for data published at the window's start)
 * @param discoveryInterval how often the enumerator looks for windows that became due
 * @param maxWindowsPerDiscovery cap on windows created per endpoint per discovery (bounds catch-up bursts)
 * @param rateLimitPermits requests allowed per {@code rateLimitPeriod} per endpoint and reader (token bucket)
 * @param rateLimitPeriod the token bucket's refill period
 * @param maxAttempts attempts per page including the first
 * @param initialBackoff first retry delay; doubles per retry up to {@code maxBackoff}
 * @param maxBackoff largest retry delay
 * @param jitterFactor random +/- fraction applied to each retry delay, in [0, 1); a server's Retry-After is
 *     scaled so that jitter never shortens it
 * @param maxRetryAfter cap on a server's {@code Retry-After}
 * @param connectTimeout TCP connect time-out
 * @param requestTimeout time-out of one request until the response headers arrive
 * @param bodyExcerptChars how much of a failing body a dead letter keeps
 * @param maxBodyBytes largest response body read; a larger one (by its {@code Content-Length} or as it arrives) is
 *     abandoned and ends the window as a {@code BODY_TOO_LARGE} dead letter, without retries
 * @param bodyDeadline time from sending a request until its whole body has arrived; a body still trickling in then is
 *     abandoned and ends the window as a {@code BODY_DEADLINE} dead letter, without retries
 * @param retryLaterDelay how long a window waits before it is polled again when a page still fails after the retries
 *     with a quota or gateway error ({@code QUOTA_EXCEEDED}, {@code RATE_LIMITED}, HTTP 502/503/504); doubles per
 *     postponement up to one hour
 * @param retryLaterFor how long after its first such failure a window keeps being postponed before it ends as a dead
 *     letter ({@code 0}: never postponed)
 */
public record HttpSourceOptions(
        Duration windowSize,
        Instant startTime,
        Instant endTime,
        Duration publishDelay,
        Duration discoveryInterval,
        int maxWindowsPerDiscovery,
        long rateLimitPermits,
        Duration rateLimitPeriod,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        double jitterFactor,
        Duration maxRetryAfter,
        Duration connectTimeout,
        Duration requestTimeout,
        int bodyExcerptChars,
        long maxBodyBytes,
        Duration bodyDeadline,
        Duration retryLaterDelay,
        Duration retryLaterFor)
        implements Serializable {

    /** True for a backfill over {@code [startTime, endTime)}. */
    public boolean bounded() {
        return endTime != null;
    }
}

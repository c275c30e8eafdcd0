package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/** The metrics of one HTTP source reader; updated from the fetcher thread and the task thread. */
public final class HttpSourceMetrics {

    public static final String GROUP = "httpSource";
    public static final String REQUESTS = "requests";
    public static final String RETRIES = "retries";
    public static final String RATE_LIMIT_WAITS = "rateLimitWaits";
    public static final String FAILURES = "failures";
    public static final String FAILURE_CLASS = "failureClass";
    public static final String RECORDS_EMITTED = "recordsEmitted";
    public static final String DEAD_LETTERED = "deadLettered";
    public static final String NO_DATA_WINDOWS = "noDataWindows";
    public static final String WINDOWS_POSTPONED = "windowsPostponed";
    public static final String LAST_SUCCESSFUL_POLL_MS = "lastSuccessfulPollMs";
    public static final String WINDOW_LAG_MS = "windowLagMs";
    public static final String LAST_RETRY_DELAY_MS = "lastRetryDelayMs";

    private final Counter requests;
    private final Counter retries;
    private final Counter rateLimitWaits;
    private final Counter recordsEmitted;
    private final Counter deadLettered;
    private final Counter noDataWindows;
    private final Counter windowsPostponed;
    private final Map<HttpFailureReason, Counter> failures = new EnumMap<>(HttpFailureReason.class);
    private volatile long lastSuccessfulPollMs = -1;
    private volatile long windowLagMs = -1;
    private volatile long lastRetryDelayMs = -1;

    public HttpSourceMetrics(MetricGroup parent) {
        MetricGroup group = parent.addGroup(GROUP);
        requests = group.counter(REQUESTS, new ThreadSafeSimpleCounter());
        retries = group.counter(RETRIES, new ThreadSafeSimpleCounter());
        rateLimitWaits = group.counter(RATE_LIMIT_WAITS, new ThreadSafeSimpleCounter());
        recordsEmitted = group.counter(RECORDS_EMITTED, new ThreadSafeSimpleCounter());
        deadLettered = group.counter(DEAD_LETTERED, new ThreadSafeSimpleCounter());
        noDataWindows = group.counter(NO_DATA_WINDOWS, new ThreadSafeSimpleCounter());
        windowsPostponed = group.counter(WINDOWS_POSTPONED, new ThreadSafeSimpleCounter());
        for (HttpFailureReason reason : HttpFailureReason.values()) {
            MetricGroup reasonGroup = group.addGroup(FAILURE_CLASS, reason.name());
            failures.put(reason, reasonGroup.counter(FAILURES, new ThreadSafeSimpleCounter()));
        }
        group.gauge(LAST_SUCCESSFUL_POLL_MS, () -> lastSuccessfulPollMs);
        group.gauge(WINDOW_LAG_MS, () -> windowLagMs);
        group.gauge(LAST_RETRY_DELAY_MS, () -> lastRetryDelayMs);
    }

    void request() {
        requests.inc();
    }

    void retry() {
        retries.inc();
    }

    void retryScheduled(long delayMs) {
        lastRetryDelayMs = delayMs;
    }

    void rateLimitWait() {
        rateLimitWaits.inc();
    }

    void failedAttempt(HttpFailureReason reason) {
        failures.get(reason).inc();
    }

    void noDataWindow() {
        noDataWindows.inc();
    }

    /** A window whose page failed with a quota or gateway error, to be polled again later. */
    void windowPostponed() {
        windowsPostponed.inc();
    }

    public long windowsPostponed() {
        return windowsPostponed.getCount();
    }

    void recordEmitted() {
        recordsEmitted.inc();
    }

    void deadLettered() {
        deadLettered.inc();
    }

    /** A page arrived intact at {@code pollTimeMs} for a window ending at {@code windowEndMs}. */
    void successfulPoll(long pollTimeMs, long windowEndMs) {
        lastSuccessfulPollMs = pollTimeMs;
        windowLagMs = pollTimeMs - windowEndMs;
    }

    public long requests() {
        return requests.getCount();
    }

    public long retries() {
        return retries.getCount();
    }

    public long rateLimitWaits() {
        return rateLimitWaits.getCount();
    }

    public long recordsEmitted() {
        return recordsEmitted.getCount();
    }

    public long deadLetteredCount() {
        return deadLettered.getCount();
    }

    public long noDataWindows() {
        return noDataWindows.getCount();
    }

    public long failures(HttpFailureReason reason) {
        return failures.get(reason).getCount();
    }

    public long lastSuccessfulPollMs() {
        return lastSuccessfulPollMs;
    }

    /** The delay chosen before the latest retry (backoff with jitter, or the server's Retry-After). */
    public long lastRetryDelayMs() {
        return lastRetryDelayMs;
    }

    public long windowLagMs() {
        return windowLagMs;
    }
}

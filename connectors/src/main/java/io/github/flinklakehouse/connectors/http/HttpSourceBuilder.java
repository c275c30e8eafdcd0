package io.github.flinklakehouse.connectors.http;

import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds an {@link HttpSource}: collects endpoints and options, validates them with messages that name
 * the setting, and decides bounded (an end time is set) or unbounded.
 */
public final class HttpSourceBuilder {

    private final Map<String, HttpEndpoint> endpoints = new LinkedHashMap<>();
    private Duration windowSize;
    private Instant startTime;
    private Instant endTime;
    private Duration publishDelay = Duration.ZERO;
    private Duration discoveryInterval = Duration.ofMinutes(1);
    private int maxWindowsPerDiscovery = 1000;
    private long rateLimitPermits = 10;
    private Duration rateLimitPeriod = Duration.ofSeconds(1);
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(1);
    private double jitterFactor = 0.2;
    private Duration maxRetryAfter = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private int bodyExcerptChars = 2000;
    private long maxBodyBytes = 16L * 1024 * 1024;
    private Duration bodyDeadline = Duration.ofMinutes(2);
    private Duration retryLaterDelay = Duration.ofMinutes(1);
    private Duration retryLaterFor = Duration.ofHours(24);
    private Clock clock = Clock.systemUTC();

    HttpSourceBuilder() {}

    /** Adds an endpoint to poll; ids must be unique. */
    public HttpSourceBuilder addEndpoint(HttpEndpoint endpoint) {
        if (endpoints.putIfAbsent(endpoint.id(), endpoint) != null) {
            throw new IllegalArgumentException("HTTP source: endpoint id '" + endpoint.id() + "' is used twice");
        }
        return this;
    }

    /** Length of each polled window (required). */
    public HttpSourceBuilder windowSize(Duration windowSize) {
        this.windowSize = windowSize;
        return this;
    }

    /** Start of the first window (required). */
    public HttpSourceBuilder startTime(Instant startTime) {
        this.startTime = startTime;
        return this;
    }

    /** Exclusive end of the last window; setting it makes the source bounded (a backfill). */
    public HttpSourceBuilder endTime(Instant endTime) {
        this.endTime = endTime;
        return this;
    }

    /**
     * How long after a window ends its data is published (default 0). Negative down to {@code -windowSize}
     * for APIs that publish a window's data at its start (forecasts issued at a base time).
     */
    public HttpSourceBuilder publishDelay(Duration publishDelay) {
        this.publishDelay = publishDelay;
        return this;
    }

    /** How often due windows are discovered (default 1 min). */
    public HttpSourceBuilder discoveryInterval(Duration discoveryInterval) {
        this.discoveryInterval = discoveryInterval;
        return this;
    }

    /** Cap on windows created per endpoint and discovery (default 1000). */
    public HttpSourceBuilder maxWindowsPerDiscovery(int maxWindowsPerDiscovery) {
        this.maxWindowsPerDiscovery = maxWindowsPerDiscovery;
        return this;
    }

    /** Token bucket per endpoint and reader: {@code permits} requests per {@code period} (default 10/s). */
    public HttpSourceBuilder rateLimit(long permits, Duration period) {
        this.rateLimitPermits = permits;
        this.rateLimitPeriod = period;
        return this;
    }

    /**
     * Retries (default 5 attempts, 1 s doubling to 1 min, 20 % jitter).
     *
     * @param maxAttempts attempts per page including the first
     */
    public HttpSourceBuilder retries(
            int maxAttempts, Duration initialBackoff, Duration maxBackoff, double jitterFactor) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.jitterFactor = jitterFactor;
        return this;
    }

    /** Cap on a server's {@code Retry-After} (default 5 min). */
    public HttpSourceBuilder maxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
        return this;
    }

    /** Connect and request time-outs (default 10 s and 30 s). */
    public HttpSourceBuilder timeouts(Duration connectTimeout, Duration requestTimeout) {
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        return this;
    }

    /** How many characters of a failing body a dead letter keeps (default 2000). */
    public HttpSourceBuilder bodyExcerptChars(int bodyExcerptChars) {
        this.bodyExcerptChars = bodyExcerptChars;
        return this;
    }

    /**
     * Limits of one response (default 16 MiB and 2 min from sending the request to the body's last byte): a larger
     * body, or one still arriving at the deadline, is abandoned and ends its window as a dead letter
     * ({@code BODY_TOO_LARGE}, {@code BODY_DEADLINE}) without retries, so a misbehaving server costs at most the
     * deadline.
     */
    public HttpSourceBuilder bodyLimits(long maxBodyBytes, Duration bodyDeadline) {
        this.maxBodyBytes = maxBodyBytes;
        this.bodyDeadline = bodyDeadline;
        return this;
    }

    /**
     * Postponement of a window whose page still fails after the retries with a quota or gateway error
     * ({@code QUOTA_EXCEEDED}, {@code RATE_LIMITED}, HTTP 502/503/504; default 1 min, for 24 h): the window is not
     * marked done but polled again from the failed page after {@code firstDelay} (doubling per postponement, at most
     * 1 h), until {@code giveUpAfter} has passed since its first such failure; then it ends as a dead letter.
     * {@code giveUpAfter} 0 never postpones.
     */
    public HttpSourceBuilder retryLater(Duration firstDelay, Duration giveUpAfter) {
        this.retryLaterDelay = firstDelay;
        this.retryLaterFor = giveUpAfter;
        return this;
    }

    /** The clock that decides which windows are due (default system UTC); must be serializable. */
    public HttpSourceBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Validates everything and builds the source. */
    public HttpSource build() {
        require(!endpoints.isEmpty(), "endpoints", "add at least one endpoint");
        require(windowSize != null && windowSize.toMillis() > 0, "windowSize", "must be a positive duration");
        require(startTime != null, "startTime", "is required");
        if (endTime != null) {
            long span = endTime.toEpochMilli() - startTime.toEpochMilli();
            require(span > 0, "endTime", "must be after startTime " + startTime);
            require(span % windowSize.toMillis() == 0, "endTime",
                    "endTime - startTime must be a whole number of windows of " + windowSize);
        }
        require(publishDelay != null && publishDelay.plus(windowSize).compareTo(Duration.ZERO) >= 0, "publishDelay",
                "must be at least -windowSize (a window cannot be polled before it starts)");
        require(positive(discoveryInterval), "discoveryInterval", "must be positive");
        require(maxWindowsPerDiscovery > 0, "maxWindowsPerDiscovery", "must be positive");
        require(rateLimitPermits > 0 && positive(rateLimitPeriod), "rateLimit", "needs positive permits and period");
        require(maxAttempts >= 1, "retries.maxAttempts", "must be at least 1");
        require(positive(initialBackoff) && positive(maxBackoff) && initialBackoff.compareTo(maxBackoff) < 0,
                "retries.backoff", "needs 0 < initialBackoff < maxBackoff");
        require(jitterFactor >= 0 && jitterFactor < 1, "retries.jitterFactor", "must be within [0, 1)");
        require(maxRetryAfter != null && !maxRetryAfter.isNegative(), "maxRetryAfter", "must be zero or positive");
        require(positive(connectTimeout) && positive(requestTimeout), "timeouts", "must be positive");
        require(bodyExcerptChars >= 0, "bodyExcerptChars", "must be zero or positive");
        require(maxBodyBytes > 0, "bodyLimits.maxBodyBytes", "must be positive");
        require(positive(bodyDeadline) && bodyDeadline.compareTo(requestTimeout) >= 0, "bodyLimits.bodyDeadline",
                "must be positive and at least the request time-out");
        require(positive(retryLaterDelay), "retryLater.firstDelay", "must be positive");
        require(retryLaterFor != null && !retryLaterFor.isNegative(), "retryLater.giveUpAfter",
                "must be zero or positive");
        require(clock != null, "clock", "is required");
        HttpSourceOptions options = new HttpSourceOptions(windowSize, startTime, endTime, publishDelay,
                discoveryInterval, maxWindowsPerDiscovery, rateLimitPermits, rateLimitPeriod, maxAttempts,
                initialBackoff, maxBackoff, jitterFactor, maxRetryAfter, connectTimeout, requestTimeout,
                bodyExcerptChars, maxBodyBytes, bodyDeadline, retryLaterDelay, retryLaterFor);
        return new HttpSource(Collections.unmodifiableMap(new LinkedHashMap<>(endpoints)), options, clock);
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isZero() && !duration.isNegative();
    }

    private static void require(boolean condition, String key, String message) {
        if (!condition) {
            throw new IllegalArgumentException("HTTP source option '" + key + "' " + message);
        }
    }
}

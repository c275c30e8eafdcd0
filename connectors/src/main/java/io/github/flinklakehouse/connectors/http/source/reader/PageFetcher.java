package io.github.flinklakehouse.connectors.http.source.reader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.request.RenderedRequest;
import io.github.flinklakehouse.connectors.http.request.RequestTemplate;
import io.github.flinklakehouse.connectors.http.response.PageContent;
import io.github.flinklakehouse.connectors.http.response.ResponseVerdict;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches one page with politeness and fault handling: a token bucket per endpoint, retries with
 * exponential backoff and jitter (honouring {@code Retry-After}) for time-outs, connection errors, 429,
 * 5xx and malformed bodies, and no retry for other 4xx or errors the response checker calls final. A body over
 * {@code maxBodyBytes} or not complete by {@code bodyDeadline} after the request is abandoned, not retried.
 */
final class PageFetcher {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpSourceOptions options;
    private final HttpSourceMetrics metrics;
    private final HttpClient client;
    private final RetryPolicy<PageOutcome> retryPolicy;
    private final Map<String, RateLimiter<Object>> rateLimiters = new HashMap<>();

    PageFetcher(HttpSourceOptions options, HttpSourceMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.retryPolicy = RetryPolicy.<PageOutcome>builder()
                .handleIf(e -> e instanceof PageFetchException && ((PageFetchException) e).retryable())
                .withMaxAttempts(options.maxAttempts())
                .withBackoff(options.initialBackoff(), options.maxBackoff())
                .withJitter(options.jitterFactor())
                .withDelayFnOn(ctx -> retryAfterDelay(ctx.getLastException()), PageFetchException.class)
                .onRetryScheduled(e -> metrics.retryScheduled(e.getDelay().toMillis()))
                .onRetry(e -> metrics.retry())
                .build();
    }

    /** The server's {@code Retry-After}, or a negative delay ("no opinion") so that Failsafe uses the backoff. */
    private Duration retryAfterDelay(PageFetchException failure) {
        Duration asked = failure.retryAfter();
        if (asked == null) {
            return Duration.ofMillis(-1);
        }
        // Failsafe jitters this delay too; scale it so that even the lowest jitter waits as long as asked.
        long millis = min(asked, options.maxRetryAfter()).toMillis();
        return Duration.ofMillis((long) Math.ceil(millis / (1 - options.jitterFactor())));
    }

    /** Fetches a page; failures that survive the retries come back as a {@code FAILED} outcome. */
    PageOutcome fetch(HttpEndpoint endpoint, RequestTemplate template, long fromMs, long toMs, int page, String cursor)
            throws InterruptedException {
        RenderedRequest request;
        try {
            request = template.render(fromMs, toMs, page, cursor);
        } catch (IllegalArgumentException refused) {
            // A next link the template will not follow ends the window, like any other page that cannot be read.
            return PageOutcome.failed(template.redact(String.valueOf(cursor)), new PageFetchException(
                    HttpFailureReason.NEXT_LINK_REFUSED, -1, refused.getMessage(), "", false, null));
        }
        try {
            return Failsafe.with(retryPolicy).get(() -> attempt(endpoint, template, request, toMs));
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw (InterruptedException) e.getCause();
            }
            if (e.getCause() instanceof PageFetchException) {
                return PageOutcome.failed(request.redactedUrl(), (PageFetchException) e.getCause());
            }
            throw e;
        }
    }

    private PageOutcome attempt(
            HttpEndpoint endpoint, RequestTemplate template, RenderedRequest request, long windowEndMs)
            throws PageFetchException, InterruptedException {
        RateLimiter<Object> limiter = rateLimiters.computeIfAbsent(endpoint.id(), id -> newRateLimiter());
        if (!limiter.tryAcquirePermit()) {
            metrics.rateLimitWait();
            limiter.acquirePermit();
        }
        metrics.request();
        try {
            PageOutcome outcome = classify(endpoint, template, request, send(request, template));
            metrics.successfulPoll(System.currentTimeMillis(), windowEndMs);
            return outcome;
        } catch (PageFetchException e) {
            metrics.failedAttempt(e.reason());
            throw e;
        }
    }

    private HttpResponse<String> send(RenderedRequest request, RequestTemplate template)
            throws PageFetchException, InterruptedException {
        HttpRequest httpRequest =
                HttpRequest.newBuilder(request.uri())
                        .timeout(options.requestTimeout())
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        CompletableFuture<HttpResponse<String>> response = client.sendAsync(httpRequest,
                LimitedBodySubscriber.handler(options.maxBodyBytes()));
        try {
            return response.get(options.bodyDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Cancelling aborts the exchange: the connection of a body that trickles in is dropped.
            response.cancel(true);
            throw failure(HttpFailureReason.BODY_DEADLINE, -1, "the response had not fully arrived "
                    + options.bodyDeadline().toMillis() + " ms after the request (a body trickling in)", "", template,
                    false, null);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBodySubscriber.TooLarge) {
                throw failure(HttpFailureReason.BODY_TOO_LARGE, -1, cause.getMessage(), "", template, false, null);
            }
            if (cause instanceof HttpTimeoutException) {
                throw failure(HttpFailureReason.TIMEOUT, -1, "timed out: " + cause.getMessage(), "", template, true,
                        null);
            }
            // The message may quote the URL: failure() redacts it like everything else.
            throw failure(HttpFailureReason.CONNECTION_ERROR, -1, "connection failed: " + cause, "", template, true,
                    null);
        }
    }

    private PageOutcome classify(
            HttpEndpoint endpoint, RequestTemplate template, RenderedRequest request, HttpResponse<String> response)
            throws PageFetchException {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        if (status == 429 || status >= 500) {
            Duration retryAfter = parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null));
            HttpFailureReason reason = status == 429 ? HttpFailureReason.RATE_LIMITED : HttpFailureReason.SERVER_ERROR;
            throw failure(reason, status, "HTTP " + status, body, template, true, retryAfter);
        }
        if (status >= 400) {
            throw failure(HttpFailureReason.CLIENT_ERROR, status, "HTTP " + status, body, template, false, null);
        }
        if (status < 200 || status >= 300) {
            throw failure(HttpFailureReason.UNEXPECTED_STATUS, status, "HTTP " + status, body, template, false, null);
        }
        JsonNode json = parseJsonIfJson(body, status, template);
        ResponseVerdict verdict = endpoint.checker().check(body, json);
        switch (verdict.kind()) {
            case NO_DATA:
                return PageOutcome.noData(request.redactedUrl(), status);
            case FAILURE:
                throw failure(verdict.reason(), status, verdict.message(), body, template, verdict.retryable(), null);
            default:
                try {
                    PageContent content = endpoint.extractor().extract(json);
                    return PageOutcome.data(content, request.redactedUrl());
                } catch (RuntimeException e) {
                    throw failure(
                            HttpFailureReason.UNEXPECTED_BODY, status, e.getMessage(), body, template, false, null);
                }
        }
    }

    /** Null for a blank or non-JSON (e.g. XML) body; a body that starts like JSON must parse completely. */
    private JsonNode parseJsonIfJson(String body, int status, RequestTemplate template) throws PageFetchException {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) {
            return null;
        }
        try {
            return MAPPER.readTree(trimmed);
        } catch (JsonProcessingException e) {
            // Often a truncated transfer: worth another attempt.
            throw failure(
                    HttpFailureReason.MALFORMED_BODY, status, "malformed JSON: " + e.getOriginalMessage(), body,
                    template, true, null);
        }
    }

    private PageFetchException failure(
            HttpFailureReason reason, int status, String message, String body, RequestTemplate template,
            boolean retryable, Duration retryAfter) {
        String excerpt = template.redact(Excerpts.cut(body, options.bodyExcerptChars()));
        String redactedMessage = template.redact(message == null ? "" : message);
        return new PageFetchException(reason, status, redactedMessage, excerpt, retryable, retryAfter);
    }

    private RateLimiter<Object> newRateLimiter() {
        return RateLimiter.burstyBuilder(options.rateLimitPermits(), options.rateLimitPeriod()).build();
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

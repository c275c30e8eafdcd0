package io.github.flinklakehouse.connectors.http;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A window (or a single item) the HTTP polling source could not turn into records, with enough context to
 * find and re-poll it.
 *
 * @param endpointId the configured endpoint id
 * @param windowStartMs inclusive start of the window, epoch milliseconds
 * @param windowEndMs exclusive end of the window, epoch milliseconds
 * @param page the page that failed
 * @param url the request URL with every secret replaced by {@code ***}
 * @param status the last HTTP status, or -1 when no response arrived
 * @param reason the reason code
 * @param message a human-readable explanation
 * @param payload the body (or the item) excerpt, at most the configured number of characters
 * @param pollTimeMs when the failure was final, epoch milliseconds
 */
public record HttpDeadLetter(
        String endpointId,
        long windowStartMs,
        long windowEndMs,
        int page,
        String url,
        int status,
        HttpFailureReason reason,
        String message,
        String payload,
        long pollTimeMs) {

    /** The shared dead-letter form: source {@code http}, position {@code endpoint@windowStart/page N <url>}. */
    public DeadLetter toDeadLetter() {
        String statusText = status < 0 ? "no response" : "HTTP " + status;
        return new DeadLetter(
                reason.name(),
                statusText + ": " + message,
                payload.getBytes(StandardCharsets.UTF_8),
                "http",
                endpointId + "@" + windowStartMs + "/page " + page + " " + url,
                Instant.ofEpochMilli(pollTimeMs));
    }
}

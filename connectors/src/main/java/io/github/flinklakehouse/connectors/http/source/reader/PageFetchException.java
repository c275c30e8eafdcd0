package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import java.time.Duration;

/** One failed attempt to fetch a page, classified: whether to retry and after how long the server asked. */
final class PageFetchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final HttpFailureReason reason;
    private final int status;
    private final String bodyExcerpt;
    private final boolean retryable;
    private final Duration retryAfter;

    PageFetchException(
            HttpFailureReason reason,
            int status,
            String message,
            String bodyExcerpt,
            boolean retryable,
            Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.status = status;
        this.bodyExcerpt = bodyExcerpt;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    HttpFailureReason reason() {
        return reason;
    }

    int status() {
        return status;
    }

    String bodyExcerpt() {
        return bodyExcerpt;
    }

    boolean retryable() {
        return retryable;
    }

    /** The server's {@code Retry-After}, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}

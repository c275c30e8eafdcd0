package io.github.flinklakehouse.connectors.http.response;

import io.github.flinklakehouse.connectors.http.HttpFailureReason;

/**
 * A response checker's decision about an HTTP 2xx body: data, no data for this window, or a failure.
 *
 * @param kind what the body is
 * @param reason the failure reason, null unless {@code kind == FAILURE}
 * @param message what the API said, null unless {@code kind == FAILURE}
 * @param retryable whether asking again may succeed
 */
public record ResponseVerdict(Kind kind, HttpFailureReason reason, String message, boolean retryable) {

    /** What a body is. */
    public enum Kind { DATA, NO_DATA, FAILURE }

    private static final ResponseVerdict DATA = new ResponseVerdict(Kind.DATA, null, null, false);
    private static final ResponseVerdict NO_DATA = new ResponseVerdict(Kind.NO_DATA, null, null, false);

    /** The body carries a page of data. */
    public static ResponseVerdict data() {
        return DATA;
    }

    /** The API says there is nothing for this window; the window is complete and empty. */
    public static ResponseVerdict noData() {
        return NO_DATA;
    }

    /** The body is an error in disguise. */
    public static ResponseVerdict failure(HttpFailureReason reason, String message, boolean retryable) {
        return new ResponseVerdict(Kind.FAILURE, reason, message, retryable);
    }
}

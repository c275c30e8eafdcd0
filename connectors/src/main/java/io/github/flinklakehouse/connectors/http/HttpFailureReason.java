package io.github.flinklakehouse.connectors.http;

/** Why a window or a record of the HTTP polling source became a dead letter; the name is the reason code. */
public enum HttpFailureReason {
    /** The request timed out on every attempt. */
    TIMEOUT,
    /** The connection failed (refused, reset) on every attempt. */
    CONNECTION_ERROR,
    /** HTTP 429 on every attempt. */
    RATE_LIMITED,
    /** HTTP 5xx on every attempt. */
    SERVER_ERROR,
    /** HTTP 4xx other than 429: the request itself is wrong, retrying cannot help. */
    CLIENT_ERROR,
    /** Any other unexpected HTTP status. */
    UNEXPECTED_STATUS,
    /**
     * HTTP 200 with data.go.kr's gateway envelope saying the key's request quota is used up
     * ({@code returnReasonCode} 22, or 23 per second): the window is polled again later.
     */
    QUOTA_EXCEEDED,
    /** HTTP 200 with a gateway error envelope in the body (e.g. data.go.kr's XML for a bad key). */
    GATEWAY_ERROR,
    /** HTTP 200 with an API-level error code in the JSON body. */
    API_ERROR,
    /** The body is not valid JSON (malformed or truncated) on every attempt. */
    MALFORMED_BODY,
    /** The body is valid JSON but not in the shape the record extractor expects. */
    UNEXPECTED_BODY,
    /** The server's next link is not a URL, or points at another scheme, host or port than the endpoint's base URL. */
    NEXT_LINK_REFUSED,
    /** The body is larger than the source's {@code maxBodyBytes}: not read further, not retried. */
    BODY_TOO_LARGE,
    /** The body had not fully arrived by the source's {@code bodyDeadline} (it trickled in): not retried. */
    BODY_DEADLINE,
    /** One item of an otherwise good page is not a JSON object. */
    RECORD_NOT_OBJECT
}

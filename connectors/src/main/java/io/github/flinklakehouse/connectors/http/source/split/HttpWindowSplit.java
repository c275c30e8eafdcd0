package io.github.flinklakehouse.connectors.http.source.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One endpoint's time window to poll, with the position reached inside its pagination.
 *
 * <p>{@code page}/{@code cursor} say which page to request next and {@code recordsToSkip} how many of its
 * items were already emitted, so a restored split neither repeats nor skips a record. {@code done} marks a
 * window whose final record or dead letter was already emitted.
 *
 * @param endpointId the endpoint id
 * @param windowStartMs inclusive window start, epoch milliseconds
 * @param windowEndMs exclusive window end, epoch milliseconds
 * @param page the page to request next (1-based)
 * @param cursor the cursor or next link for that page, or null
 * @param recordsToSkip items of that page already emitted
 * @param done whether the window is completely emitted
 */
public record HttpWindowSplit(
        String endpointId,
        long windowStartMs,
        long windowEndMs,
        int page,
        String cursor,
        int recordsToSkip,
        boolean done)
        implements SourceSplit {

    /** A window not polled yet. */
    public static HttpWindowSplit unpolled(String endpointId, long windowStartMs, long windowEndMs) {
        return new HttpWindowSplit(endpointId, windowStartMs, windowEndMs, 1, null, 0, false);
    }

    /** {@code endpointId@windowStartMs}: unique because windows of an endpoint never overlap. */
    @Override
    public String splitId() {
        return endpointId + "@" + windowStartMs;
    }
}

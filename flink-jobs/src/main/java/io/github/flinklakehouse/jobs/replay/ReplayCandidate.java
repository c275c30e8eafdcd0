package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.jobs.lake.PositionKeyConverter;
import java.time.Instant;

/**
 * A row of {@code raw.rejected_events} chosen for replay: the bytes as first received and where from.
 *
 * @param source the original source, e.g. {@code kafka} or {@code file}
 * @param sourcePosition the original position ({@code topic/partition/offset} or {@code path:line})
 * @param payload the raw bytes exactly as received
 * @param seenAt when the source first received it (the reference time of the event-time checks)
 * @param reason the reason it was rejected
 */
public record ReplayCandidate(String source, String sourcePosition, byte[] payload, Instant seenAt, String reason) {

    /** The key that identifies a source position across the raw and rejected tables. */
    public String positionKey() {
        return positionKey(source, sourcePosition);
    }

    /** Joins source and position with a separator that neither contains. */
    public static String positionKey(String source, String sourcePosition) {
        return PositionKeyConverter.of(source, sourcePosition);
    }
}

package io.github.flinklakehouse.connectors.deadletter;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record that could not be turned into a valid event, kept with everything needed to find and replay it.
 *
 * <p>Flink serialises this record with its POJO serializer (records are supported since Flink 1.19), so
 * dead letters never fall back to Kryo.
 *
 * @param reason machine-readable reason code, e.g. {@code NOT_JSON} or {@code LATE}
 * @param message human-readable explanation of what was wrong
 * @param payload the raw bytes exactly as received (never re-encoded)
 * @param source where the record came from, e.g. {@code kafka}, {@code file}, {@code http}
 * @param sourcePosition position inside the source, e.g. {@code topic/partition/offset} or {@code path:line}
 * @param seenAt when the record was judged bad
 */
public record DeadLetter(
        String reason, String message, byte[] payload, String source, String sourcePosition, Instant seenAt) {

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourcePosition, "sourcePosition");
        Objects.requireNonNull(seenAt, "seenAt");
        payload = payload == null ? new byte[0] : payload;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeadLetter that
                && reason.equals(that.reason)
                && message.equals(that.message)
                && Arrays.equals(payload, that.payload)
                && source.equals(that.source)
                && sourcePosition.equals(that.sourcePosition)
                && seenAt.equals(that.seenAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, message, Arrays.hashCode(payload), source, sourcePosition, seenAt);
    }

    @Override
    public String toString() {
        return "DeadLetter[reason=" + reason + ", message=" + message + ", source=" + source
                + ", sourcePosition=" + sourcePosition + ", seenAt=" + seenAt
                + ", payloadBytes=" + payload.length + "]";
    }
}

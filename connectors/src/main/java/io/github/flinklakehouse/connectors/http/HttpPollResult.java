package io.github.flinklakehouse.connectors.http;

import java.util.Objects;

/**
 * What the HTTP polling source emits: either a {@link HttpRecord} or a {@link HttpDeadLetter}, never both.
 *
 * <p>A source has a single output, so dead letters travel beside the records; {@link DeadLetterSplitter}
 * moves them to a side output. A Java record, so Flink uses its POJO serializer (no Kryo).
 *
 * @param record the polled record, or null for a dead letter
 * @param deadLetter the dead letter, or null for a record
 */
public record HttpPollResult(HttpRecord record, HttpDeadLetter deadLetter) {

    /** Wraps a polled record. */
    public static HttpPollResult of(HttpRecord record) {
        return new HttpPollResult(Objects.requireNonNull(record, "record"), null);
    }

    /** Wraps a dead letter. */
    public static HttpPollResult of(HttpDeadLetter deadLetter) {
        return new HttpPollResult(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    /** True when this carries a record rather than a dead letter. */
    public boolean isRecord() {
        return record != null;
    }
}

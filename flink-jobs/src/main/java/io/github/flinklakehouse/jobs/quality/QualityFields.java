package io.github.flinklakehouse.jobs.quality;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.io.Serializable;
import java.util.Map;

/**
 * How the data-quality rules read one pipeline's records: its field names and values, its times, and how a dropped
 * record becomes a dead letter. The only pipeline-specific part of the quality stage.
 *
 * @param <T> the pipeline's record type
 */
public interface QualityFields<T> extends Serializable {

    /** Every field a rule may name, with the kind of its values. */
    Map<String, FieldKind> kinds();

    /** The value of {@code field} ({@link String}, {@link Number} or {@link java.time.Instant}), or {@code null}. */
    Object value(T record, String field);

    /** The record's event time, epoch millis. */
    long eventTime(T record);

    /** When the source received the record, epoch millis: the reference of {@code fresh} (equal in a replay). */
    long receivedAt(T record);

    /** The dead letter of a record a rule dropped, keeping its payload and origin. */
    DeadLetter deadLetter(T record, String reason, String message);

    /** A short, readable form of the record for the message of a {@code fail} rule. */
    String sample(T record);
}

package io.github.flinklakehouse.jobs.clickstream;

/** Why a clickstream record was rejected; the name is the reason code stored with the dead letter. */
public enum RejectReason {
    /** The bytes are not one JSON object. */
    NOT_JSON,
    /** The line is not a readable CSV row (e.g. an unclosed quote). */
    NOT_CSV,
    /** A CSV row without exactly the nine dataset columns. */
    WRONG_FIELD_COUNT,
    /** A required field is absent, null or empty. */
    MISSING_FIELD,
    /** A field has the wrong type, e.g. letters in {@code product_id} or more than two price decimals. */
    WRONG_TYPE,
    /** {@code event_time} is in none of the accepted forms. */
    BAD_TIMESTAMP,
    /** {@code event_time} lies more than {@code clickstream.future-tolerance} after the record's ingestion time. */
    FUTURE_TIMESTAMP,
    /** {@code event_time} lies before {@code clickstream.oldest-event-time}. */
    TOO_OLD,
    /** {@code price} (or a declared format's {@code revenue}) is below zero. */
    NEGATIVE_PRICE,
    /** {@code event_type} is not one of the known types. */
    UNKNOWN_EVENT_TYPE,
    /** The payload is larger than {@code clickstream.max-payload-bytes}. */
    OVERSIZED,
    /** The payload is not valid UTF-8. */
    INVALID_UTF8,
    /** A text field holds a NUL character (U+0000), which PostgreSQL cannot store in text. */
    NUL_CHARACTER,
    /** A text field is longer than {@link ClickEventParser#MAX_TEXT_BYTES} UTF-8 bytes (mart keys must fit an index). */
    FIELD_TOO_LONG,
    /** The parser itself failed on this record (a bug, reported with the exception): kept, never lost. */
    PARSER_FAILURE,
    /** A valid event that arrived after the watermark passed its event time + allowed lateness (not in the marts). */
    LATE,
    /** An {@code event_id} already seen within {@code clickstream.dedupe-horizon}: a producer retry. */
    DUPLICATE_EVENT_ID,
    /**
     * Valid events a mart could not add: they would overflow a 64-bit sum of their key (revenue in cents past
     * 92,233,720,368,547,758.07). In the raw table, not in that mart.
     */
    SUM_OVERFLOW,
    /**
     * A valid event that failed a data-quality rule with action {@code drop} ({@code clickstream.quality.rules}); the
     * message starts with the rule's name in brackets. Replayable once the data or the rule is fixed.
     */
    QUALITY_RULE;

    /**
     * Whether a record rejected for this reason may be replayed after a fix: every validation failure. LATE
     * events, duplicates and sum overflows were valid and are already in the raw table (the event itself, or its
     * original).
     */
    public boolean replayable() {
        return this != LATE && this != DUPLICATE_EVENT_ID && this != SUM_OVERFLOW;
    }
}

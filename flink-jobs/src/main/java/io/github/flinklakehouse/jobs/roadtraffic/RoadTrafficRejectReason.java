package io.github.flinklakehouse.jobs.roadtraffic;

/** Why a polled road-traffic record became a dead letter; the name is the reason code in raw.rejected_events. */
public enum RoadTrafficRejectReason {
    /** The item is not one JSON object. */
    NOT_JSON,
    /** A required field is absent, null or empty. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or a malformed value (a grid coordinate that is no whole number). */
    WRONG_TYPE,
    /** The amount is not a whole number of vehicles (plain or with thousands separators), or too large. */
    BAD_AMOUNT,
    /** A code outside its documented values (tmType 1/2, inoutType 0/1, tcsType 1/2, carType 1-6). */
    UNKNOWN_CODE,
    /** The amount is below zero. */
    NEGATIVE_AMOUNT,
    /** A date or time field is not a valid KST {@code yyyyMMdd} / {@code HHmm}. */
    BAD_TIMESTAMP,
    /** A grid coordinate outside the KMA 5 km grid (nx 1..149, ny 1..253). */
    OUT_OF_RANGE,
    /** A text field holds a NUL character (PostgreSQL text cannot). */
    NUL_CHARACTER,
    /** A text field is longer than {@link PolledFields#MAX_TEXT_BYTES} UTF-8 bytes. */
    FIELD_TOO_LONG,
    /**
     * A count of a toll gate, direction, lane type, vehicle class and slot that was already counted (a re-served or
     * repeated record): kept in {@code raw.tollgate_traffic}, not counted twice in the marts.
     */
    DUPLICATE_COUNT,
    /** The parser itself failed (a bug, the message names it); the job goes on. */
    PARSER_FAILURE
}

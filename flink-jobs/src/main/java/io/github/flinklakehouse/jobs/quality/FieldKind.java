package io.github.flinklakehouse.jobs.quality;

/** The kind of value a field holds, so a rule's check can be validated against it when the job starts. */
public enum FieldKind {
    /** A {@link String} (or an enum read as its code). */
    TEXT,
    /** A {@link Number}: {@link Long}, {@link Integer} or {@link java.math.BigDecimal}. */
    NUMBER,
    /** An {@link java.time.Instant}. */
    TIME
}

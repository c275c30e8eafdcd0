package io.github.flinklakehouse.jobs.config;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A half-open event-time range [from, until) in UTC; either bound may be {@code null} (unbounded).
 *
 * @param from inclusive lower bound, or {@code null}
 * @param until exclusive upper bound, or {@code null}
 */
public record EventTimeRange(Instant from, Instant until) implements Serializable {

    /** Every event time. */
    public static final EventTimeRange ALL = new EventTimeRange(null, null);

    public EventTimeRange {
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("from (" + from + ") must be before until (" + until + ")");
        }
    }

    /** Whether {@code eventTime} lies in the range. */
    public boolean contains(Instant eventTime) {
        return (from == null || !eventTime.isBefore(from)) && (until == null || eventTime.isBefore(until));
    }

    /** Whether both bounds are absent. */
    public boolean isAll() {
        return from == null && until == null;
    }

    /**
     * Parses a bound: an ISO-8601 instant ({@code 2019-10-01T06:00:00Z}) or a UTC date ({@code 2019-10-01},
     * meaning its midnight).
     *
     * @throws IllegalArgumentException naming the expected forms
     */
    public static Instant parseBound(String text) {
        String trimmed = text.trim();
        try {
            return trimmed.length() == 10 ? LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is neither a date (2019-10-01) nor an ISO-8601 instant "
                    + "(2019-10-01T06:00:00Z)");
        }
    }

    @Override
    public String toString() {
        return "[" + (from == null ? "-infinity" : from) + ", " + (until == null ? "infinity" : until) + ")";
    }
}

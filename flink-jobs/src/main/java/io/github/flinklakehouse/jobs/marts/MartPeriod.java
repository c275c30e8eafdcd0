package io.github.flinklakehouse.jobs.marts;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The event-time period [start, end) a mart row describes, as SQL over the row's columns: a backfill of a
 * range owns exactly the rows whose whole period lies inside the range.
 *
 * <p>The SQL is kept as two {@code timestamptz} expressions in which {@code {row}} stands for the row's table
 * alias; everything else a period needs (e.g. a session's inactivity timeout) is a literal in them, so the period
 * says all by itself. Dates are turned into instants with explicit {@code AT TIME ZONE 'UTC'}, so the session's
 * {@code TimeZone} does not matter.
 *
 * @param startSql inclusive start of the row's period
 * @param endSql exclusive end of the row's period
 */
public record MartPeriod(String startSql, String endSql) implements Serializable {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final String ROW = "{row}";

    public MartPeriod {
        Objects.requireNonNull(startSql, "startSql");
        Objects.requireNonNull(endSql, "endSql");
    }

    /** A UTC hour given by a {@code date} column and an hour-of-day (0-23) column. */
    public static MartPeriod hour(String dateColumn, String hourColumn) {
        String start = "(" + column(dateColumn) + " + " + column(hourColumn) + " * interval '1 hour')";
        return new MartPeriod(utc(start), utc("(" + start + " + interval '1 hour')"));
    }

    /** A UTC day given by a {@code date} column. */
    public static MartPeriod day(String dateColumn) {
        String start = column(dateColumn) + "::timestamp";
        return new MartPeriod(utc(start), utc("(" + start + " + interval '1 day')"));
    }

    /** A UTC month given by a {@code date} column holding its first day. */
    public static MartPeriod month(String dateColumn) {
        String start = column(dateColumn) + "::timestamp";
        return new MartPeriod(utc(start), utc("(" + start + " + interval '1 month')"));
    }

    /** A UTC day, ISO week or month: a column holding a {@link UtcPeriod#label()} and a {@code date} start. */
    public static MartPeriod calendarPeriod(String periodColumn, String startColumn) {
        String start = column(startColumn) + "::timestamp";
        // An unknown label gives a NULL end: such a row is never inside a range, so never deleted.
        String length = Arrays.stream(UtcPeriod.values())
                .map(period -> " WHEN '" + period.label() + "' THEN interval '1 " + period.label() + "'")
                .collect(Collectors.joining("", "CASE " + column(periodColumn), " END"));
        return new MartPeriod(utc(start), utc("(" + start + " + " + length + ")"));
    }

    /** An instant interval held by two {@code timestamptz} columns, e.g. a sliding window. */
    public static MartPeriod between(String startColumn, String endColumn) {
        return new MartPeriod(column(startColumn), column(endColumn));
    }

    /**
     * The time an activity (a session) may still gain events: from its first event minus {@code padding} to its
     * last event plus {@code padding} ({@code timestamptz} columns), where {@code padding} is the inactivity after
     * which it ends. Events of a session closer than that to a range bound may lie outside the range, so only a
     * session whose padded span is inside belongs to it.
     */
    public static MartPeriod activityPaddedBy(String firstEventColumn, String lastEventColumn, Duration padding) {
        if (padding.isNegative()) {
            throw new IllegalArgumentException("padding must be >= 0, was " + padding);
        }
        String interval = "interval '" + padding.toMillis() + " milliseconds'";
        return new MartPeriod("(" + column(firstEventColumn) + " - " + interval + ")",
                "(" + column(lastEventColumn) + " + " + interval + ")");
    }

    /** The start expression for the row alias {@code alias}. */
    public String start(String alias) {
        return startSql.replace(ROW, identifier(alias));
    }

    /** The end expression for the row alias {@code alias}. */
    public String end(String alias) {
        return endSql.replace(ROW, identifier(alias));
    }

    private static String utc(String timestamp) {
        return "(" + timestamp + " AT TIME ZONE 'UTC')";
    }

    /** A column of the row, qualified by the {@code {row}} placeholder. */
    private static String column(String name) {
        return ROW + "." + identifier(name);
    }

    private static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a plain lower-case SQL identifier");
        }
        return name;
    }
}

package io.github.flinklakehouse.jobs.marts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A calendar period of the marts in UTC: an hour, a day, an ISO week (starting Monday, like PostgreSQL's
 * {@code date_trunc('week', t)}) or a month; keys are the period's start in epoch millis.
 */
public enum UtcPeriod {
    HOUR,
    DAY,
    WEEK,
    MONTH;

    /** Milliseconds of an hour. */
    public static final long HOUR_MILLIS = 3_600_000L;
    /** Milliseconds of a day. */
    public static final long DAY_MILLIS = 86_400_000L;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The value stored in a {@code period} column, e.g. {@code week}. */
    public String label() {
        return label;
    }

    /** The period whose {@link #label()} is {@code label}. */
    public static UtcPeriod ofLabel(String label) {
        return switch (label) {
            case "hour" -> HOUR;
            case "day" -> DAY;
            case "week" -> WEEK;
            case "month" -> MONTH;
            default -> throw new IllegalArgumentException("No period labelled '" + label + "'");
        };
    }

    /** Returns the start (epoch millis) of the period containing {@code eventTime}. */
    public long startOf(Instant eventTime) {
        return startOf(eventTime.toEpochMilli());
    }

    /** Returns the start (epoch millis) of the period containing {@code epochMillis}; plain arithmetic but months. */
    public long startOf(long epochMillis) {
        return switch (this) {
            case HOUR -> Math.floorDiv(epochMillis, HOUR_MILLIS) * HOUR_MILLIS;
            case DAY -> Math.floorDiv(epochMillis, DAY_MILLIS) * DAY_MILLIS;
            // 1970-01-01 was a Thursday: epoch day + 3 counts days since a Monday.
            case WEEK -> {
                long day = Math.floorDiv(epochMillis, DAY_MILLIS);
                yield (day - Math.floorMod(day + 3, 7)) * DAY_MILLIS;
            }
            case MONTH -> toMillis(dateOf(epochMillis).withDayOfMonth(1));
        };
    }

    /** Returns the exclusive end (epoch millis) of the period starting at {@code startMillis}. */
    public long endOf(long startMillis) {
        return switch (this) {
            case HOUR -> startMillis + HOUR_MILLIS;
            case DAY -> startMillis + DAY_MILLIS;
            case WEEK -> startMillis + 7 * DAY_MILLIS;
            case MONTH -> toMillis(dateOf(startMillis).plusMonths(1));
        };
    }

    /** Returns the UTC date of {@code epochMillis}. */
    public static LocalDate dateOf(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY_MILLIS));
    }

    /** Returns the UTC hour of day (0-23) of {@code epochMillis}. */
    public static int hourOfDay(long epochMillis) {
        return (int) (Math.floorMod(epochMillis, DAY_MILLIS) / HOUR_MILLIS);
    }

    private static long toMillis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}

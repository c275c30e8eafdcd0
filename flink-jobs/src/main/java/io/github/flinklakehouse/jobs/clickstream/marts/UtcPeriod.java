package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * A calendar period of the marts in UTC: a day, an ISO week (starting Monday, like PostgreSQL's
 * {@code date_trunc('week', t)}) or a month; keys are the period's start in epoch millis.
 */
public enum UtcPeriod {
    DAY,
    WEEK,
    MONTH;

    /** The value stored in the {@code period} column, e.g. {@code week}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the start (epoch millis, UTC midnight) of the period containing {@code eventTime}. */
    public long startOf(Instant eventTime) {
        LocalDate day = eventTime.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate start = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return toMillis(start);
    }

    /** Returns the exclusive end (epoch millis) of the period starting at {@code startMillis}. */
    public long endOf(long startMillis) {
        LocalDate start = dateOf(startMillis);
        LocalDate end = switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
        return toMillis(end);
    }

    /** Returns the UTC date of {@code epochMillis}. */
    public static LocalDate dateOf(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static long toMillis(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}

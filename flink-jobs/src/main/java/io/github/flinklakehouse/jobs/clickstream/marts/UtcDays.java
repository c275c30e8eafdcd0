package io.github.flinklakehouse.jobs.clickstream.marts;

import java.time.Duration;
import java.time.Instant;

/** UTC day arithmetic shared by the daily marts: a day is keyed by its start in epoch millis. */
public final class UtcDays {

    /** Length of a UTC day (no leap seconds in epoch time). */
    public static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private UtcDays() {
    }

    /** Returns the start (epoch millis) of the UTC day containing {@code time}. */
    public static long dayStart(Instant time) {
        return Math.floorDiv(time.toEpochMilli(), DAY_MILLIS) * DAY_MILLIS;
    }

    /** Returns the last millisecond of the UTC day starting at {@code dayStart}. */
    public static long lastMilli(long dayStart) {
        return dayStart + DAY_MILLIS - 1;
    }
}

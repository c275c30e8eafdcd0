package io.github.flinklakehouse.jobs.clickstream.generator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the clickstream generator produces: the same config always yields the same events.
 *
 * @param seed random seed
 * @param start event time of the first event
 * @param eventCount number of events, or {@link #UNBOUNDED}
 * @param meanGap mean time between consecutive events (exponentially distributed, event times have
 *     second precision like the dataset, so several events may share a second)
 * @param users number of distinct users
 * @param products number of distinct products
 * @param appLog whether some views become app-log events ({@code search} with region and query, {@code favorite})
 *     and every event carries its session's device and region ({@link AppLogShape}); without it, only the dataset's
 *     fields, as every committed fixture was generated
 */
public record GeneratorConfig(long seed, Instant start, long eventCount, Duration meanGap, int users, int products,
        boolean appLog) {

    /** {@link #eventCount()} of an endless generator. */
    public static final long UNBOUNDED = -1;

    public GeneratorConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(meanGap, "meanGap");
        if (eventCount < 0 && eventCount != UNBOUNDED) {
            throw new IllegalArgumentException("eventCount must be >= 0 or UNBOUNDED, was " + eventCount);
        }
        if (meanGap.isNegative()) {
            throw new IllegalArgumentException("meanGap must not be negative, was " + meanGap);
        }
        if (users < 1 || products < 1) {
            throw new IllegalArgumentException("users and products must be at least 1");
        }
    }

    /** A config with the dataset's fields only (no app-log events). */
    public GeneratorConfig(long seed, Instant start, long eventCount, Duration meanGap, int users, int products) {
        this(seed, start, eventCount, meanGap, users, products, false);
    }

    /** The same config with app-log events ({@code search}, {@code favorite}, devices, regions). */
    public GeneratorConfig withAppLog() {
        return new GeneratorConfig(seed, start, eventCount, meanGap, users, products, true);
    }

    /** A config with 10,000 users, 5,000 products and a mean gap of 100 ms. */
    public static GeneratorConfig of(long seed, Instant start, long eventCount) {
        return new GeneratorConfig(seed, start, eventCount, Duration.ofMillis(100), 10_000, 5_000);
    }

    /** Returns whether the generator never ends. */
    public boolean unbounded() {
        return eventCount == UNBOUNDED;
    }
}

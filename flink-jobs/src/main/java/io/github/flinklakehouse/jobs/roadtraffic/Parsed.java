package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.util.Objects;

/**
 * What a road-traffic parser makes of one polled record: a typed row or a dead letter, never both, never an
 * exception.
 *
 * @param value the row, or null
 * @param deadLetter the dead letter, or null
 * @param <T> the row type
 */
public record Parsed<T>(T value, DeadLetter deadLetter) {

    static <T> Parsed<T> of(T value) {
        return new Parsed<>(Objects.requireNonNull(value, "value"), null);
    }

    static <T> Parsed<T> rejected(DeadLetter deadLetter) {
        return new Parsed<>(null, Objects.requireNonNull(deadLetter, "deadLetter"));
    }

    /** True for a row. */
    public boolean isValid() {
        return value != null;
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.function.Consumer;

/** The serializable functions mart declarations are made of (they travel inside the operators). */
public final class EventFunctions {

    private EventFunctions() {
    }

    /** A number read from an event, e.g. a price in cents, or 1 to count it. */
    @FunctionalInterface
    public interface ToLong<P> extends Serializable {
        long of(P event);
    }

    /** A small number read from an event: a slot, or flag bits. */
    @FunctionalInterface
    public interface ToInt<P> extends Serializable {
        int of(P event);
    }

    /** Whether an event is counted. */
    @FunctionalInterface
    public interface Condition<P> extends Serializable {
        boolean test(P event);
    }

    /** The keys an event counts under: none (not counted), one (an hour), or several (each window it lies in). */
    @FunctionalInterface
    public interface GroupKeys<P, K> extends Serializable {
        void collect(P event, Consumer<K> keys);
    }

    /** The exclusive end (epoch millis, event time) of the period a key describes; the key closes after it. */
    @FunctionalInterface
    public interface PeriodEnd<K> extends Serializable {
        long of(K key);
    }

    /** The absolute row of a key from its values, or {@code null} when the key has no row (yet). */
    @FunctionalInterface
    public interface RowOf<K, R> extends Serializable {
        R of(K key, long[] values);
    }
}

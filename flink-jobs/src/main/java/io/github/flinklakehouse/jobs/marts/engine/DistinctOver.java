package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one aggregation counts the distinct values of one dimension: each event sets flag bits ({@code 0}: the event
 * is not counted for this dimension), a value's flags in a key are the OR of its events' flags, and every
 * {@link DistinctCount} counts the values whose flags include its required bits. E.g. a funnel sets VIEWED,
 * CARTED or PURCHASED and counts sessions with VIEWED and with VIEWED|CARTED.
 *
 * @param <P> the marts' event type
 * @param <V> the dimension's value type
 */
public final class DistinctOver<P, V> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Dimension<P, V> dimension;
    private final EventFunctions.ToInt<P> flags;
    private final List<DistinctCount> counts = new ArrayList<>();
    private final transient Aggregation.Builder<P, ?> builder;

    DistinctOver(Dimension<P, V> dimension, EventFunctions.ToInt<P> flags, Aggregation.Builder<P, ?> builder) {
        this.dimension = Objects.requireNonNull(dimension, "dimension");
        this.flags = Objects.requireNonNull(flags, "flags");
        this.builder = builder;
    }

    /** Counts the distinct values whose flags include {@code requiredFlags}. */
    public DistinctCount count(String name, int requiredFlags) {
        if (builder == null) {
            throw new IllegalStateException("The aggregation is already built");
        }
        DistinctCount count = new DistinctCount(name, requiredFlags);
        builder.place(count);
        counts.add(count);
        return count;
    }

    public Dimension<P, V> dimension() {
        return dimension;
    }

    /** The flags {@code event} sets; 0 when it does not count for this dimension. */
    int flagsOf(P event) {
        return flags.of(event);
    }

    List<DistinctCount> counts() {
        return counts;
    }
}

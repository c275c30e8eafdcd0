package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;

/**
 * One number an {@link Aggregation} keeps per key, at a fixed place of the key's values (a {@code long[]}): a
 * sum, a count, a histogram, a minimum or maximum, an argmin, or an exact distinct count.
 *
 * <p>Measures are created by {@link Aggregation.Builder}, which places them; a row reads a measure with
 * {@link #of(long[])}. Every measure merges associatively with an identity, so partial values computed anywhere
 * (in each subtask before the shuffle, in a dimension's stage) combine into the same absolute value in any order.
 */
public abstract class Measure implements Serializable {

    private static final long serialVersionUID = 1L;

    /** How two partial values of one slot combine. */
    enum Merge {
        SUM,
        MIN,
        MAX,
        /** The time slot of an argmin pair: the pair with the smaller time, then the smaller value, wins. */
        ARG_MIN_TIME,
        /** The value slot of an argmin pair (follows its time slot). */
        ARG_MIN_VALUE
    }

    private final String name;
    private final int width;
    private int offset = -1;

    Measure(String name, int width) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A measure needs a name");
        }
        this.name = name;
        this.width = width;
    }

    /** The measure's name (used in messages). */
    public String name() {
        return name;
    }

    /** The measure's value among a key's {@code values} (its first slot for a histogram). */
    public final long of(long[] values) {
        return values[offset()];
    }

    /** Slots the measure takes. */
    final int width() {
        return width;
    }

    /** Its first slot. */
    final int offset() {
        if (offset < 0) {
            throw new IllegalStateException("Measure " + name + " is not placed in an aggregation");
        }
        return offset;
    }

    final void place(int at) {
        if (offset >= 0) {
            throw new IllegalStateException("Measure " + name + " is already placed");
        }
        offset = at;
    }

    /** How slot {@code i} (0-based within the measure) merges. */
    abstract Merge merge(int i);

    /** The identity of slot {@code i}: merging it changes nothing. */
    long identity(int i) {
        return switch (merge(i)) {
            case SUM, ARG_MIN_VALUE -> 0L;
            case MIN, ARG_MIN_TIME -> Long.MAX_VALUE;
            case MAX -> Long.MIN_VALUE;
        };
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + "]";
    }

    /** Whether {@code sum + amount} is representable in a {@code long} (the overflow test of Math.addExact). */
    public static boolean sumFits(long sum, long amount) {
        long result = sum + amount;
        return ((sum ^ result) & (amount ^ result)) >= 0;
    }
}

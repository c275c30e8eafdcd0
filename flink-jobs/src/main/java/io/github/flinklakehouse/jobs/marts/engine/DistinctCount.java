package io.github.flinklakehouse.jobs.marts.engine;

/**
 * The exact number of distinct values of a dimension among a key's events whose flags include
 * {@link #requiredFlags()} (a plain distinct count requires the flag every counted event sets). Computed in the
 * dimension's stage, which remembers per value which keys it was seen in and with which flags, and ships +1 / -1
 * changes of the count; created by {@link DistinctOver#count}.
 */
public final class DistinctCount extends Measure {

    private static final long serialVersionUID = 1L;

    private final int requiredFlags;

    DistinctCount(String name, int requiredFlags) {
        super(name, 1);
        if (requiredFlags == 0) {
            throw new IllegalArgumentException("Distinct count " + name + " must require at least one flag");
        }
        this.requiredFlags = requiredFlags;
    }

    /** The flags a value's events must have set together to be counted. */
    public int requiredFlags() {
        return requiredFlags;
    }

    /** 1 when a value with {@code flags} counts, else 0. */
    long counted(int flags) {
        return (flags & requiredFlags) == requiredFlags ? 1 : 0;
    }

    @Override
    Merge merge(int i) {
        return Merge.SUM;
    }
}

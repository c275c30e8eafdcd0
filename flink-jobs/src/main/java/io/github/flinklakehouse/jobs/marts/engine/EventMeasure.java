package io.github.flinklakehouse.jobs.marts.engine;

/**
 * A measure computed from each event by itself (sums, counts, histograms, extremes): the engine computes it in
 * every subtask before any shuffle and ships only partial values.
 *
 * @param <P> the marts' event type
 */
public abstract class EventMeasure<P> extends Measure {

    private static final long serialVersionUID = 1L;

    EventMeasure(String name, int width) {
        super(name, width);
    }

    /** Adds {@code event} to a key's {@code values}; {@link #fits} said it may. */
    abstract void add(long[] values, P event);

    /** Whether {@code event} can be added to {@code values} without a 64-bit overflow. */
    boolean fits(long[] values, P event) {
        return true;
    }

    /** A sum of {@code amount} over the key's events (a count when the amount is 0 or 1). */
    static final class Sum<P> extends EventMeasure<P> {
        private static final long serialVersionUID = 1L;
        private final EventFunctions.ToLong<P> amount;

        Sum(String name, EventFunctions.ToLong<P> amount) {
            super(name, 1);
            this.amount = amount;
        }

        @Override
        void add(long[] values, P event) {
            values[offset()] += amount.of(event);
        }

        @Override
        boolean fits(long[] values, P event) {
            return Measure.sumFits(values[offset()], amount.of(event));
        }

        @Override
        Merge merge(int i) {
            return Merge.SUM;
        }
    }

    /** Events per slot (e.g. per hour of the day); events whose slot is outside [0, slots) are not counted. */
    public static final class Histogram<P> extends EventMeasure<P> {
        private static final long serialVersionUID = 1L;
        private final EventFunctions.ToInt<P> slot;

        Histogram(String name, int slots, EventFunctions.ToInt<P> slot) {
            super(name, slots);
            if (slots < 1) {
                throw new IllegalArgumentException("A histogram needs at least one slot, " + name + " has " + slots);
            }
            this.slot = slot;
        }

        /** The count of {@code slot} among a key's {@code values}. */
        public long at(long[] values, int slot) {
            if (slot < 0 || slot >= width()) {
                throw new IndexOutOfBoundsException("Slot " + slot + " of histogram " + name());
            }
            return values[offset() + slot];
        }

        /** Slots of the histogram. */
        public int slots() {
            return width();
        }

        @Override
        void add(long[] values, P event) {
            int at = slot.of(event);
            if (at >= 0 && at < width()) {
                values[offset() + at]++;
            }
        }

        @Override
        Merge merge(int i) {
            return Merge.SUM;
        }
    }

    /** The smallest or largest {@code value} over the key's events. */
    static final class Extreme<P> extends EventMeasure<P> {
        private static final long serialVersionUID = 1L;
        private final EventFunctions.ToLong<P> value;
        private final boolean max;

        Extreme(String name, EventFunctions.ToLong<P> value, boolean max) {
            super(name, 1);
            this.value = value;
            this.max = max;
        }

        @Override
        void add(long[] values, P event) {
            int at = offset();
            long v = value.of(event);
            values[at] = max ? Math.max(values[at], v) : Math.min(values[at], v);
        }

        @Override
        Merge merge(int i) {
            return max ? Merge.MAX : Merge.MIN;
        }
    }

    /**
     * The {@code value} of the event with the smallest {@code time}; among events of that time the smallest value,
     * so the result never depends on arrival order. Takes two slots: read the value with {@link #valueOf}.
     */
    public static final class ArgMin<P> extends EventMeasure<P> {
        private static final long serialVersionUID = 1L;
        private final EventFunctions.ToLong<P> time;
        private final EventFunctions.ToLong<P> value;

        ArgMin(String name, EventFunctions.ToLong<P> time, EventFunctions.ToLong<P> value) {
            super(name, 2);
            this.time = time;
            this.value = value;
        }

        @Override
        void add(long[] values, P event) {
            int at = offset();
            long t = time.of(event);
            long v = value.of(event);
            if (t < values[at] || (t == values[at] && v < values[at + 1])) {
                values[at] = t;
                values[at + 1] = v;
            }
        }

        /** The value of the winning event. */
        public long valueOf(long[] values) {
            return values[offset() + 1];
        }

        @Override
        Merge merge(int i) {
            return i == 0 ? Merge.ARG_MIN_TIME : Merge.ARG_MIN_VALUE;
        }

        @Override
        long identity(int i) {
            // No event yet: a pair that loses every comparison.
            return Long.MAX_VALUE;
        }
    }
}

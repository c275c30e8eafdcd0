package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TupleTypeInfo;

/**
 * A grouped aggregate over the marts' events: the keys an event counts under (an hour, a day and category, every
 * sliding window it lies in), the period each key describes, and the measures kept per key, as one
 * {@code long[]} of fixed layout.
 *
 * <p>The engine computes it the way fast SQL engines do ({@link MartSet} draws the stages): event measures are
 * pre-aggregated in every subtask before any shuffle; distinct counts are computed in the stage keyed by the
 * counted dimension (split distinct aggregation); only partial values travel to the stage keyed by the
 * aggregation's own key, which merges them into the absolute values, emits the key's row early and often, and
 * finally once the watermark passes {@code period end - 1 ms + allowed lateness}.
 *
 * <pre>
 *  Aggregation.Builder&lt;Click, Long&gt; hourly = Aggregation.builder("traffic-hourly", Types.LONG,
 *          (e, keys) -&gt; keys.accept(hourStart(e)), hour -&gt; hour + HOUR_MILLIS);
 *  Measure events = hourly.count("events");
 *  DistinctCount users = hourly.distinct("unique_users", USER);
 *  Aggregation&lt;Click, Long&gt; aggregation = hourly.build();
 * </pre>
 *
 * @param <P> the marts' event type
 * @param <K> the key type
 */
public final class Aggregation<P, K> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final TypeInformation<K> keyType;
    private final EventFunctions.GroupKeys<P, K> keys;
    private final EventFunctions.PeriodEnd<K> periodEnd;
    private final List<EventMeasure<P>> eventMeasures;
    /** The event measures that can overflow (sums), checked before an event is added. */
    private final EventMeasure<P>[] sums;
    private final List<DistinctOver<P, ?>> distincts;
    private final long[] identity;
    private final Measure.Merge[] merges;

    private Aggregation(Builder<P, K> builder) {
        this.name = builder.name;
        this.keyType = builder.keyType;
        this.keys = builder.keys;
        this.periodEnd = builder.periodEnd;
        this.eventMeasures = List.copyOf(builder.eventMeasures);
        this.sums = sumsOf(eventMeasures);
        this.distincts = List.copyOf(builder.distincts);
        int width = builder.measures.stream().mapToInt(Measure::width).sum();
        this.identity = new long[width];
        this.merges = new Measure.Merge[width];
        for (Measure measure : builder.measures) {
            for (int i = 0; i < measure.width(); i++) {
                identity[measure.offset() + i] = measure.identity(i);
                merges[measure.offset() + i] = measure.merge(i);
            }
        }
        if (width == 0) {
            throw new IllegalArgumentException("Aggregation " + name + " has no measure");
        }
    }

    /**
     * Starts an aggregation.
     *
     * @param name names the aggregation's operator ({@code <pipeline>.marts.<name>.v2}) and its state
     * @param keyType the key's type (a Flink type: Long, String, a Tuple...; never a generic type)
     * @param keys the keys each event counts under
     * @param periodEnd the exclusive end of a key's event-time period: the key is final once the watermark
     *     reaches {@code periodEnd - 1 ms + allowed lateness}
     */
    public static <P, K> Builder<P, K> builder(String name, TypeInformation<K> keyType,
            EventFunctions.GroupKeys<P, K> keys, EventFunctions.PeriodEnd<K> periodEnd) {
        return new Builder<>(name, keyType, keys, periodEnd);
    }

    public String name() {
        return name;
    }

    public TypeInformation<K> keyType() {
        return keyType;
    }

    /**
     * The type of the partial values that travel between the stages: (key, values); a record key is written
     * without reflection ({@link RecordKeySerializer}: partials are never state).
     */
    public TypeInformation<Tuple2<K, long[]>> partialType() {
        return new TupleTypeInfo<>(RecordKeySerializer.networkType(keyType),
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /** The number of slots of a key's values. */
    public int width() {
        return identity.length;
    }

    /** Calls {@code out} with every key {@code event} counts under. */
    void keysOf(P event, java.util.function.Consumer<K> out) {
        keys.collect(event, out);
    }

    /** The event time at which {@code key} is final: period end - 1 ms + {@code allowedLatenessMillis}. */
    long closeTime(K key, long allowedLatenessMillis) {
        long end = periodEnd.of(key);
        return end - 1 > Long.MAX_VALUE - allowedLatenessMillis ? Long.MAX_VALUE : end - 1 + allowedLatenessMillis;
    }

    /** Fresh values: the identity of every measure. */
    long[] newValues() {
        return identity.clone();
    }

    @SuppressWarnings("unchecked")
    private static <P> EventMeasure<P>[] sumsOf(List<EventMeasure<P>> measures) {
        return measures.stream().filter(m -> m instanceof EventMeasure.Sum).toArray(EventMeasure[]::new);
    }

    /** Whether some measure is computed from events by themselves (so the pre-aggregation has work). */
    boolean hasEventMeasures() {
        return !eventMeasures.isEmpty();
    }

    /**
     * Adds {@code event} to the event measures of {@code values}, unless a sum would overflow: then nothing is
     * added and the caller ships {@code values} as they are and starts new ones (an event's own amounts always fit
     * the identity).
     */
    boolean addEvent(long[] values, P event) {
        for (EventMeasure<P> sum : sums) {
            if (!sum.fits(values, event)) {
                return false;
            }
        }
        for (EventMeasure<P> measure : eventMeasures) {
            measure.add(values, event);
        }
        return true;
    }

    /** The distinct counts, one group per dimension. */
    List<DistinctOver<P, ?>> distincts() {
        return distincts;
    }

    /**
     * Merges {@code partial} into {@code into}, slot by slot, unless a sum would overflow a {@code long}: then
     * {@code into} is left as it was and the result is {@code false} (the caller refuses the partial).
     */
    boolean merge(long[] into, long[] partial) {
        if (partial.length != into.length) {
            throw new IllegalArgumentException("Partial of " + name + " has " + partial.length + " slots, expected "
                    + into.length);
        }
        for (int i = 0; i < into.length; i++) {
            if (merges[i] == Measure.Merge.SUM && !Measure.sumFits(into[i], partial[i])) {
                return false;
            }
        }
        for (int i = 0; i < into.length; i++) {
            switch (merges[i]) {
                case SUM -> into[i] += partial[i];
                case MIN -> into[i] = Math.min(into[i], partial[i]);
                case MAX -> into[i] = Math.max(into[i], partial[i]);
                case ARG_MIN_TIME -> {
                    if (partial[i] < into[i] || (partial[i] == into[i] && partial[i + 1] < into[i + 1])) {
                        into[i] = partial[i];
                        into[i + 1] = partial[i + 1];
                    }
                }
                case ARG_MIN_VALUE -> {
                    // Merged with its time slot.
                }
            }
        }
        return true;
    }

    /** Whether {@code values} still equal the identity (nothing was counted). */
    boolean isIdentity(long[] values) {
        return Arrays.equals(values, identity);
    }

    @Override
    public String toString() {
        return "Aggregation[" + name + "]";
    }

    /**
     * Declares an aggregation's measures, in slot order.
     *
     * @param <P> the marts' event type
     * @param <K> the key type
     */
    public static final class Builder<P, K> {
        private final String name;
        private final TypeInformation<K> keyType;
        private final EventFunctions.GroupKeys<P, K> keys;
        private final EventFunctions.PeriodEnd<K> periodEnd;
        private final List<Measure> measures = new ArrayList<>();
        private final List<EventMeasure<P>> eventMeasures = new ArrayList<>();
        private final List<DistinctOver<P, ?>> distincts = new ArrayList<>();
        private final java.util.Map<String, DistinctOver<P, ?>> plainDistincts = new java.util.HashMap<>();
        private int width;
        private boolean built;

        private Builder(String name, TypeInformation<K> keyType, EventFunctions.GroupKeys<P, K> keys,
                EventFunctions.PeriodEnd<K> periodEnd) {
            this.name = MartNames.requireName(name);
            this.keyType = Objects.requireNonNull(keyType, "keyType");
            this.keys = Objects.requireNonNull(keys, "keys");
            this.periodEnd = Objects.requireNonNull(periodEnd, "periodEnd");
        }

        /** The number of the key's events. */
        public EventMeasure<P> count(String measure) {
            return event(new EventMeasure.Sum<>(measure, event -> 1L));
        }

        /** The number of the key's events that meet {@code condition}. */
        public EventMeasure<P> countIf(String measure, EventFunctions.Condition<P> condition) {
            return event(new EventMeasure.Sum<>(measure, event -> condition.test(event) ? 1L : 0L));
        }

        /** The sum of {@code amount} over the key's events (overflow fails loudly rather than wrapping). */
        public EventMeasure<P> sum(String measure, EventFunctions.ToLong<P> amount) {
            return event(new EventMeasure.Sum<>(measure, amount));
        }

        /** Events per slot in [0, {@code slots}); an event whose slot lies outside is not counted. */
        public EventMeasure.Histogram<P> histogram(String measure, int slots, EventFunctions.ToInt<P> slot) {
            return event(new EventMeasure.Histogram<>(measure, slots, slot));
        }

        /** The smallest {@code value} among the key's events ({@link Long#MAX_VALUE} before the first). */
        public EventMeasure<P> min(String measure, EventFunctions.ToLong<P> value) {
            return event(new EventMeasure.Extreme<>(measure, value, false));
        }

        /** The largest {@code value} among the key's events ({@link Long#MIN_VALUE} before the first). */
        public EventMeasure<P> max(String measure, EventFunctions.ToLong<P> value) {
            return event(new EventMeasure.Extreme<>(measure, value, true));
        }

        /** The {@code value} of the key's earliest event by {@code time}, ties to the smallest value. */
        public EventMeasure.ArgMin<P> argMin(String measure, EventFunctions.ToLong<P> time,
                EventFunctions.ToLong<P> value) {
            return event(new EventMeasure.ArgMin<>(measure, time, value));
        }

        /** The exact number of distinct {@code dimension} values among the key's events. */
        public DistinctCount distinct(String measure, Dimension<P, ?> dimension) {
            DistinctOver<P, ?> plain = plainDistincts.get(dimension.name());
            if (plain == null) {
                plain = distinctOver(dimension, event -> 1);
                plainDistincts.put(dimension.name(), plain);
            }
            return plain.count(measure, 1);
        }

        /**
         * Distinct counts of {@code dimension} by flags (see {@link DistinctOver}); one flag function per dimension
         * and aggregation.
         */
        public <V> DistinctOver<P, V> distinctOver(Dimension<P, V> dimension, EventFunctions.ToInt<P> flags) {
            requireOpen();
            for (DistinctOver<P, ?> existing : distincts) {
                if (existing.dimension().name().equals(dimension.name())) {
                    throw new IllegalArgumentException("Aggregation " + name + " already counts dimension "
                            + dimension.name() + "; declare its flags once and add counts to that");
                }
            }
            DistinctOver<P, V> over = new DistinctOver<>(dimension, flags, this);
            distincts.add(over);
            return over;
        }

        public Aggregation<P, K> build() {
            requireOpen();
            if (!distincts.isEmpty()) {
                // Dimension stages compare keys by their encoding: refuse an unsupported key type now.
                KeyEncoder.forType(keyType.getTypeClass());
            }
            built = true;
            return new Aggregation<>(this);
        }

        private <M extends EventMeasure<P>> M event(M measure) {
            place(measure);
            eventMeasures.add(measure);
            return measure;
        }

        void place(Measure measure) {
            requireOpen();
            for (Measure existing : measures) {
                if (existing.name().equals(measure.name())) {
                    throw new IllegalArgumentException("Aggregation " + name + " already has a measure "
                            + measure.name());
                }
            }
            measure.place(width);
            width += measure.width();
            measures.add(measure);
        }

        private void requireOpen() {
            if (built) {
                throw new IllegalStateException("Aggregation " + name + " is already built");
            }
        }
    }
}

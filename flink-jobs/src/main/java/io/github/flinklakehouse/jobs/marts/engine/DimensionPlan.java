package io.github.flinklakehouse.jobs.marts.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * What the engine computes per value of one {@link Dimension}: the aggregations that count it distinctly and the
 * keyed marts keyed by it. The pre-aggregation (map side) and the dimension's stage number entries by this one
 * plan, so a {@link ValueBatch}'s indexes mean the same on both sides of the shuffle.
 *
 * @param dimension the dimension
 * @param counting the aggregations counting it, each with its distinct counts of this dimension
 * @param marts the keyed marts keyed by it, each with the side output of its rows
 * @param <P> the marts' event type
 * @param <V> the dimension's value type
 */
record DimensionPlan<P, V>(Dimension<P, V> dimension, List<Counted<P, ?>> counting, List<Hosted<P, V, ?, ?>> marts)
        implements Serializable {

    DimensionPlan {
        counting = List.copyOf(counting);
        marts = List.copyOf(marts);
        if (counting.size() > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("A dimension is counted by at most " + Byte.MAX_VALUE
                    + " aggregations, " + dimension + " by " + counting.size());
        }
    }

    /** The plan of {@code dimension} for those of {@code aggregations} that count it, hosting {@code marts}. */
    static <P, V> DimensionPlan<P, V> of(Dimension<P, V> dimension, List<Aggregation<P, ?>> aggregations,
            List<Hosted<P, V, ?, ?>> marts) {
        List<Counted<P, ?>> counting = new ArrayList<>();
        for (Aggregation<P, ?> aggregation : aggregations) {
            for (DistinctOver<P, ?> over : aggregation.distincts()) {
                if (over.dimension().name().equals(dimension.name())) {
                    counting.add(new Counted<>(aggregation, over));
                }
            }
        }
        return new DimensionPlan<>(dimension, counting, marts);
    }

    /** The type of the batches the pre-aggregation ships to the dimension's stage. */
    ValueBatchType<V> batchType() {
        List<TypeInformation<?>> keys = new ArrayList<>();
        counting.forEach(counted -> keys.add(counted.aggregation().keyType()));
        List<TypeInformation<?>> partials = new ArrayList<>();
        marts.forEach(hosted -> partials.add(hosted.mart().partialType()));
        return new ValueBatchType<>(dimension.type(), keys, partials);
    }

    /** The side output of the pre-aggregation that carries this dimension's batches. */
    OutputTag<ValueBatch<V>> batchesTag() {
        return new OutputTag<>("values-" + dimension.name(), batchType());
    }

    /** An aggregation that counts the dimension, and how ({@code over}: its flags and distinct counts). */
    record Counted<P, K>(Aggregation<P, K> aggregation, DistinctOver<P, ?> over) implements Serializable {
    }

    /** A keyed mart and the side output its rows go to. */
    record Hosted<P, V, A, R>(KeyedMart<P, V, A, R> mart, OutputTag<R> rows) implements Serializable {
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * What one subtask saw of one dimension value (a user, a session, a product) between two flushes: the aggregation
 * keys the value was seen in with the OR of its events' flags there, and one partial per keyed mart of the
 * dimension. The pre-aggregation ships these instead of events to the dimension's stage (a map-side combine), so a
 * session of seven events crosses the network once per flush, not seven times.
 *
 * <p>Entry {@code i} belongs to the dimension's {@code aggregations[i]}-th counting aggregation (the order of
 * {@link DimensionPlan#counting()}) with key {@code keys[i]} and flags {@code flags[i]}; {@code martPartials[j]} is the
 * partial of the {@code j}-th keyed mart ({@link DimensionPlan#marts()}), or {@code null} when it saw no event.
 * A batch read from the network holds those still encoded until {@link #decode()} (see {@link ValueBatchSerializer}).
 *
 * @param <V> the dimension's value type
 */
public final class ValueBatch<V> {

    V value;
    int size;
    byte[] aggregations;
    int[] flags;
    Object[] keys;
    Object[] martPartials;
    /** The entries and partials as {@link ValueBatchSerializer} wrote them, until {@link #decode()}; else null. */
    private byte[] encoded;
    private ValueBatchSerializer<V> decoder;

    ValueBatch(V value, int size, byte[] aggregations, int[] flags, Object[] keys, Object[] martPartials) {
        this.value = value;
        this.size = size;
        this.aggregations = aggregations;
        this.flags = flags;
        this.keys = keys;
        this.martPartials = martPartials;
    }

    /** A batch read from the network: its entries and partials stay encoded until {@link #decode()}. */
    static <V> ValueBatch<V> encoded(V value, byte[] encoded, ValueBatchSerializer<V> decoder) {
        ValueBatch<V> batch = new ValueBatch<>(value, 0, null, null, null, null);
        batch.encoded = encoded;
        batch.decoder = decoder;
        return batch;
    }

    /** The encoded entries and partials of a batch not decoded yet, else null. */
    byte[] encoded() {
        return encoded;
    }

    /** Reads the entries and partials if they are still encoded; call before reading them. */
    ValueBatch<V> decode() {
        if (encoded != null) {
            try {
                decoder.decodeInto(this, encoded);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot decode the batch of " + value, e);
            }
            encoded = null;
            decoder = null;
        }
        return this;
    }

    /** The dimension value (the dimension stage's key). */
    public V value() {
        return value;
    }

    /** The number of (aggregation, key) entries. */
    public int size() {
        return decode().size;
    }

    @Override
    public String toString() {
        decode();
        return "ValueBatch[" + value + ", " + size + " keys " + Arrays.toString(Arrays.copyOf(keys, size))
                + ", flags " + Arrays.toString(Arrays.copyOf(flags, size)) + ", partials "
                + Arrays.toString(martPartials) + "]";
    }

    /** Keys a stream of batches by their value. */
    static final class ValueOf<V> implements KeySelector<ValueBatch<V>, V> {
        private static final long serialVersionUID = 1L;

        @Override
        public V getKey(ValueBatch<V> batch) {
            return batch.value;
        }
    }
}

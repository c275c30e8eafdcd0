package io.github.flinklakehouse.jobs.marts.engine;

import java.io.IOException;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * What one subtask saw of one dimension value (a user, a session, a product) between two flushes: the aggregation
 * keys the value was seen in with the OR of its events' flags there, and one partial per keyed mart of the
 * dimension. The pre-aggregation ships these instead of events to the dimension's stage (a map-side combine), so a
 * session of seven events crosses the network once per flush, not seven times.
 *
 * <p>Entry {@code i} belongs to the dimension's {@code aggregations[i]}-th counting aggregation (the order of
 * {@link DimensionPlan#counting()}) with flags {@code flags[i]} and the key whose {@link KeyEncoder} encoding is
 * {@code keyBytes[keyStarts[i] .. keyStarts[i] + keyLengths[i])}: the combiner has that encoding already (it finds a
 * value's entries by it), and the dimension stage compares keys by it, so a key crosses the network as those bytes
 * and becomes an object again only where a stage buffers it for the first time. {@code martPartials[j]} is the
 * partial of the {@code j}-th keyed mart ({@link DimensionPlan#marts()}), or {@code null} when it saw no event.
 * A batch read from the network holds its entries and partials still serialized until {@link #decode()} (see
 * {@link ValueBatchSerializer}).
 *
 * @param <V> the dimension's value type
 */
public final class ValueBatch<V> {

    V value;
    int size;
    byte[] aggregations;
    int[] flags;
    byte[] keyBytes;
    int[] keyStarts;
    int[] keyLengths;
    Object[] martPartials;
    /** The entries and partials as {@link ValueBatchSerializer} wrote them, until {@link #decode()}; else null. */
    private byte[] encoded;
    private ValueBatchSerializer<V> decoder;

    ValueBatch(V value, int size, byte[] aggregations, int[] flags, byte[] keyBytes, int[] keyStarts,
            int[] keyLengths, Object[] martPartials) {
        this.value = value;
        this.size = size;
        this.aggregations = aggregations;
        this.flags = flags;
        this.keyBytes = keyBytes;
        this.keyStarts = keyStarts;
        this.keyLengths = keyLengths;
        this.martPartials = martPartials;
    }

    /** A batch read from the network: its entries and partials stay encoded until {@link #decode()}. */
    static <V> ValueBatch<V> encoded(V value, byte[] encoded, ValueBatchSerializer<V> decoder) {
        ValueBatch<V> batch = new ValueBatch<>(value, 0, null, null, null, null, null, null);
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

    /** The key of entry {@code i}, read back with its aggregation's encoder (for tests and diagnostics). */
    Object key(int i, KeyEncoder encoder) {
        decode();
        return encoder.decode(new KeyReader(), keyBytes, keyStarts[i], keyLengths[i]);
    }

    @Override
    public String toString() {
        decode();
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < size; i++) {
            keys.append(i == 0 ? "" : ", ").append(HexFormat.of().formatHex(keyBytes, keyStarts[i],
                    keyStarts[i] + keyLengths[i]));
        }
        return "ValueBatch[" + value + ", " + size + " encoded keys [" + keys + "], flags "
                + Arrays.toString(Arrays.copyOf(flags, size)) + ", partials " + Arrays.toString(martPartials) + "]";
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

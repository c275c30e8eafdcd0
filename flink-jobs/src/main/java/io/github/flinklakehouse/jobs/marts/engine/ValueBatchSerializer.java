package io.github.flinklakehouse.jobs.marts.engine;

import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link ValueBatch}: the value (the dimension stage's key), then the length in bytes of the rest and the
 * rest: the entry count, each entry's aggregation index, flags, key length and key bytes (its {@link KeyEncoder}
 * encoding, as the combiner holds it), then each keyed mart's partial behind a presence byte. Batches only cross the
 * network between the pre-aggregation and a dimension stage; they are never state, so there is no snapshot to
 * restore.
 *
 * <p>Reading a batch reads its value and keeps the rest as bytes until the dimension stage {@linkplain
 * ValueBatch#decode() decodes} it. A batch job hands every record of a keyed input to Flink's sorter, which writes it
 * into its buffers, may copy it to disk ({@link #copy(DataInputView, DataOutputView)}) and reads it back: with the
 * rest kept as bytes, each of those steps is a byte copy, and the entries are decoded once, where they are used.
 * Decoding and re-encoding them at every step took a third of the dimension stages' time and an eighth of the
 * TaskManager's (JFR profile of a 2,000,000-row backfill). Decoding leaves the key bytes where they are: the entries
 * point into the batch's array.
 *
 * @param <V> the dimension's value type
 */
final class ValueBatchSerializer<V> extends TypeSerializer<ValueBatch<V>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<V> values;
    private final TypeSerializer<Object>[] partials;
    /** Where a batch is written before its length is known; serializers are not shared between threads. */
    private transient DataOutputSerializer scratch;

    ValueBatchSerializer(TypeSerializer<V> values, TypeSerializer<Object>[] partials) {
        this.values = values;
        this.partials = partials;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ValueBatch<V>> duplicate() {
        @SuppressWarnings("unchecked")
        TypeSerializer<Object>[] partialCopies = new TypeSerializer[partials.length];
        for (int i = 0; i < partials.length; i++) {
            partialCopies[i] = partials[i].duplicate();
        }
        return new ValueBatchSerializer<>(values.duplicate(), partialCopies);
    }

    @Override
    public ValueBatch<V> createInstance() {
        return new ValueBatch<>(null, 0, new byte[0], new int[0], new byte[0], new int[0], new int[0],
                new Object[partials.length]);
    }

    /** A deep copy, through the wire format (batches are copied only when a test or a chained fan-out asks). */
    @Override
    public ValueBatch<V> copy(ValueBatch<V> from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length())).decode();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot copy " + from, e);
        }
    }

    @Override
    public ValueBatch<V> copy(ValueBatch<V> from, ValueBatch<V> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ValueBatch<V> batch, DataOutputView target) throws IOException {
        values.serialize(batch.value, target);
        byte[] encoded = batch.encoded();
        if (encoded != null) {
            target.writeInt(encoded.length);
            target.write(encoded);
            return;
        }
        if (scratch == null) {
            scratch = new DataOutputSerializer(1024);
        }
        scratch.clear();
        writeEntries(batch, scratch);
        target.writeInt(scratch.length());
        target.write(scratch.getSharedBuffer(), 0, scratch.length());
    }

    private void writeEntries(ValueBatch<V> batch, DataOutputView target) throws IOException {
        target.writeInt(batch.size);
        for (int i = 0; i < batch.size; i++) {
            target.writeByte(batch.aggregations[i]);
            target.writeInt(batch.flags[i]);
            target.writeInt(batch.keyLengths[i]);
            target.write(batch.keyBytes, batch.keyStarts[i], batch.keyLengths[i]);
        }
        for (int j = 0; j < partials.length; j++) {
            Object partial = batch.martPartials[j];
            target.writeBoolean(partial != null);
            if (partial != null) {
                partials[j].serialize(partial, target);
            }
        }
    }

    @Override
    public ValueBatch<V> deserialize(DataInputView source) throws IOException {
        V value = values.deserialize(source);
        byte[] encoded = new byte[source.readInt()];
        source.readFully(encoded);
        return ValueBatch.encoded(value, encoded, this);
    }

    /** Reads into {@code batch} the entries and partials that {@link #serialize} wrote after its value. */
    void decodeInto(ValueBatch<V> batch, byte[] encoded) throws IOException {
        DataInputDeserializer source = new DataInputDeserializer(encoded);
        int size = source.readInt();
        byte[] aggregations = new byte[size];
        int[] flags = new int[size];
        int[] keyStarts = new int[size];
        int[] keyLengths = new int[size];
        for (int i = 0; i < size; i++) {
            aggregations[i] = source.readByte();
            flags[i] = source.readInt();
            keyLengths[i] = source.readInt();
            keyStarts[i] = source.getPosition();
            source.skipBytesToRead(keyLengths[i]);
        }
        Object[] martPartials = new Object[partials.length];
        for (int j = 0; j < partials.length; j++) {
            if (source.readBoolean()) {
                martPartials[j] = partials[j].deserialize(source);
            }
        }
        batch.size = size;
        batch.aggregations = aggregations;
        batch.flags = flags;
        batch.keyBytes = encoded;
        batch.keyStarts = keyStarts;
        batch.keyLengths = keyLengths;
        batch.martPartials = martPartials;
    }

    @Override
    public ValueBatch<V> deserialize(ValueBatch<V> reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        values.copy(source, target);
        int length = source.readInt();
        // Through an array of its own (the sorter copies in a thread of its own): DataOutputSerializer's
        // write(DataInputView, int) does not grow its buffer.
        byte[] copied = new byte[length];
        source.readFully(copied);
        target.writeInt(length);
        target.write(copied);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueBatchSerializer<?> that && values.equals(that.values)
                && Arrays.equals(partials, that.partials);
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + Arrays.hashCode(partials);
    }

    @Override
    public TypeSerializerSnapshot<ValueBatch<V>> snapshotConfiguration() {
        throw new UnsupportedOperationException("ValueBatch records only cross the network; they are never state");
    }
}

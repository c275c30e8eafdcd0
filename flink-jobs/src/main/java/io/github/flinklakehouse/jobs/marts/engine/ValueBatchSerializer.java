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
 * Writes a {@link ValueBatch}: the value, the entry count, each entry's aggregation index, flags and key (with that
 * aggregation's key serializer), then each keyed mart's partial behind a presence byte. Batches only cross the
 * network between the pre-aggregation and a dimension stage; they are never state, so there is no snapshot to
 * restore.
 *
 * @param <V> the dimension's value type
 */
final class ValueBatchSerializer<V> extends TypeSerializer<ValueBatch<V>> {

    private static final long serialVersionUID = 1L;

    private final TypeSerializer<V> values;
    private final TypeSerializer<Object>[] keys;
    private final TypeSerializer<Object>[] partials;

    ValueBatchSerializer(TypeSerializer<V> values, TypeSerializer<Object>[] keys, TypeSerializer<Object>[] partials) {
        this.values = values;
        this.keys = keys;
        this.partials = partials;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ValueBatch<V>> duplicate() {
        @SuppressWarnings("unchecked")
        TypeSerializer<Object>[] keyCopies = new TypeSerializer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keyCopies[i] = keys[i].duplicate();
        }
        @SuppressWarnings("unchecked")
        TypeSerializer<Object>[] partialCopies = new TypeSerializer[partials.length];
        for (int i = 0; i < partials.length; i++) {
            partialCopies[i] = partials[i].duplicate();
        }
        return new ValueBatchSerializer<>(values.duplicate(), keyCopies, partialCopies);
    }

    @Override
    public ValueBatch<V> createInstance() {
        return new ValueBatch<>(null, 0, new byte[0], new int[0], new Object[0], new Object[partials.length]);
    }

    /** A deep copy, through the wire format (batches are copied only when a test or a chained fan-out asks). */
    @Override
    public ValueBatch<V> copy(ValueBatch<V> from) {
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
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
        target.writeInt(batch.size);
        for (int i = 0; i < batch.size; i++) {
            int aggregation = batch.aggregations[i];
            target.writeByte(aggregation);
            target.writeInt(batch.flags[i]);
            keys[aggregation].serialize(batch.keys[i], target);
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
        int size = source.readInt();
        byte[] aggregations = new byte[size];
        int[] flags = new int[size];
        Object[] entryKeys = new Object[size];
        for (int i = 0; i < size; i++) {
            aggregations[i] = source.readByte();
            flags[i] = source.readInt();
            entryKeys[i] = keys[aggregations[i]].deserialize(source);
        }
        Object[] martPartials = new Object[partials.length];
        for (int j = 0; j < partials.length; j++) {
            if (source.readBoolean()) {
                martPartials[j] = partials[j].deserialize(source);
            }
        }
        return new ValueBatch<>(value, size, aggregations, flags, entryKeys, martPartials);
    }

    @Override
    public ValueBatch<V> deserialize(ValueBatch<V> reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ValueBatchSerializer<?> that && values.equals(that.values)
                && Arrays.equals(keys, that.keys) && Arrays.equals(partials, that.partials);
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + Arrays.hashCode(keys);
    }

    @Override
    public TypeSerializerSnapshot<ValueBatch<V>> snapshotConfiguration() {
        throw new UnsupportedOperationException("ValueBatch records only cross the network; they are never state");
    }
}

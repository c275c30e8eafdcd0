package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.jobs.serialization.HandWrittenTypeInfo;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Writes {@link Memberships} as its used parts: the entry count, then each entry's arrays, then the key bytes. */
public final class MembershipsSerializer extends TypeSerializerSingleton<Memberships> {

    private static final long serialVersionUID = 1L;

    static final MembershipsSerializer INSTANCE = new MembershipsSerializer();

    /** The type information of the state. */
    static final TypeInformation<Memberships> TYPE = new HandWrittenTypeInfo<>(Memberships.class, 7, () -> INSTANCE);

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Memberships createInstance() {
        return new Memberships();
    }

    @Override
    public Memberships copy(Memberships from) {
        Memberships copy = new Memberships();
        copy.size = from.size;
        copy.aggregations = from.aggregations.clone();
        copy.starts = from.starts.clone();
        copy.lengths = from.lengths.clone();
        copy.closes = from.closes.clone();
        copy.flags = from.flags.clone();
        copy.hashes = from.hashes.clone();
        copy.keys = from.keys.clone();
        copy.keyBytes = from.keyBytes;
        return copy;
    }

    @Override
    public Memberships copy(Memberships from, Memberships reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Memberships value, DataOutputView target) throws IOException {
        target.writeInt(value.size);
        for (int i = 0; i < value.size; i++) {
            target.writeByte(value.aggregations[i]);
            target.writeInt(value.lengths[i]);
            target.writeLong(value.closes[i]);
            target.writeInt(value.flags[i]);
        }
        target.writeInt(value.keyBytes);
        target.write(value.keys, 0, value.keyBytes);
    }

    @Override
    public Memberships deserialize(DataInputView source) throws IOException {
        Memberships value = new Memberships();
        int size = source.readInt();
        int capacity = Math.max(4, size);
        value.aggregations = new byte[capacity];
        value.starts = new int[capacity];
        value.lengths = new int[capacity];
        value.closes = new long[capacity];
        value.flags = new int[capacity];
        int start = 0;
        for (int i = 0; i < size; i++) {
            value.aggregations[i] = source.readByte();
            value.lengths[i] = source.readInt();
            value.starts[i] = start;
            start += value.lengths[i];
            value.closes[i] = source.readLong();
            value.flags[i] = source.readInt();
        }
        value.size = size;
        value.keyBytes = source.readInt();
        value.keys = new byte[Math.max(64, value.keyBytes)];
        source.readFully(value.keys, 0, value.keyBytes);
        if (start != value.keyBytes) {
            throw new IOException("Corrupt memberships: entries take " + start + " key bytes, " + value.keyBytes
                    + " were written");
        }
        value.rehash();
        return value;
    }

    @Override
    public Memberships deserialize(Memberships reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<Memberships> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The serializer's snapshot: it has no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Memberships> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.jobs.serialization.HandWrittenTypeInfo;
import java.io.IOException;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Writes {@link Memberships} as its used parts, compactly: varints, and each close time once. */
public final class MembershipsSerializer extends TypeSerializerSingleton<Memberships> {

    private static final long serialVersionUID = 1L;

    static final MembershipsSerializer INSTANCE = new MembershipsSerializer();

    /** First byte of a value whose keys are in the compact encoding (every value created by this build). */
    static final int FORMAT_COMPACT_KEYS = 0x82;
    /** First byte of a value restored from layout 1, keeping its fixed-width keys in this layout. */
    static final int FORMAT_FIXED_WIDTH_KEYS = 0x81;

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
        copy.fixedWidthKeys = from.fixedWidthKeys;
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
        target.writeByte(value.fixedWidthKeys ? FORMAT_FIXED_WIDTH_KEYS : FORMAT_COMPACT_KEYS);
        // A value's entries close at a few times (an hour, a day, a month): written once, named by index.
        long[] closes = new long[Math.min(value.size, 8)];
        int distinctCloses = 0;
        for (int i = 0; i < value.size; i++) {
            if (indexOf(closes, distinctCloses, value.closes[i]) < 0) {
                if (distinctCloses == closes.length) {
                    closes = Arrays.copyOf(closes, closes.length * 2);
                }
                closes[distinctCloses++] = value.closes[i];
            }
        }
        writeVarInt(target, distinctCloses);
        for (int c = 0; c < distinctCloses; c++) {
            target.writeLong(closes[c]);
        }
        writeVarInt(target, value.size);
        for (int i = 0; i < value.size; i++) {
            target.writeByte(value.aggregations[i]);
            writeVarInt(target, value.lengths[i]);
            writeVarInt(target, indexOf(closes, distinctCloses, value.closes[i]));
            writeVarInt(target, value.flags[i]);
        }
        target.write(value.keys, 0, value.keyBytes);
    }

    private static int indexOf(long[] closes, int size, long close) {
        for (int c = 0; c < size; c++) {
            if (closes[c] == close) {
                return c;
            }
        }
        return -1;
    }

    /**
     * Reads both layouts: this one (a format byte, the distinct close times, then per entry its aggregation, key
     * length, close index and flags as varints, then the key bytes) and layout 1 of earlier builds (an int entry count,
     * then per entry 17 fixed bytes), whose first byte is always 0: no entry count reaches 2^24.
     */
    @Override
    public Memberships deserialize(DataInputView source) throws IOException {
        int format = source.readUnsignedByte();
        if (format == 0) {
            return deserializeLayout1(source);
        }
        if (format != FORMAT_COMPACT_KEYS && format != FORMAT_FIXED_WIDTH_KEYS) {
            throw new IOException("Corrupt memberships: unknown format " + format);
        }
        Memberships value = new Memberships();
        value.fixedWidthKeys = format == FORMAT_FIXED_WIDTH_KEYS;
        int distinctCloses = readVarInt(source);
        long[] closes = new long[distinctCloses];
        for (int c = 0; c < distinctCloses; c++) {
            closes[c] = source.readLong();
        }
        int size = readVarInt(source);
        allocate(value, size);
        int start = 0;
        for (int i = 0; i < size; i++) {
            value.aggregations[i] = source.readByte();
            value.lengths[i] = readVarInt(source);
            value.starts[i] = start;
            start += value.lengths[i];
            int close = readVarInt(source);
            if (close >= distinctCloses) {
                throw new IOException("Corrupt memberships: close index " + close + " of " + distinctCloses);
            }
            value.closes[i] = closes[close];
            value.flags[i] = readVarInt(source);
        }
        value.size = size;
        value.keyBytes = start;
        value.keys = new byte[Math.max(64, start)];
        source.readFully(value.keys, 0, start);
        value.rehash();
        return value;
    }

    /** Layout 1, after its first byte: its keys are in the fixed-width encoding. */
    private static Memberships deserializeLayout1(DataInputView source) throws IOException {
        Memberships value = new Memberships();
        value.fixedWidthKeys = true;
        int size = (source.readUnsignedByte() << 16) | (source.readUnsignedByte() << 8) | source.readUnsignedByte();
        allocate(value, size);
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

    private static void allocate(Memberships value, int size) {
        int capacity = Math.max(4, size);
        value.aggregations = new byte[capacity];
        value.starts = new int[capacity];
        value.lengths = new int[capacity];
        value.closes = new long[capacity];
        value.flags = new int[capacity];
    }

    private static void writeVarInt(DataOutputView target, int value) throws IOException {
        while ((value & ~0x7F) != 0) {
            target.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        target.writeByte(value);
    }

    private static int readVarInt(DataInputView source) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = source.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("Corrupt memberships: a varint longer than 5 bytes");
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

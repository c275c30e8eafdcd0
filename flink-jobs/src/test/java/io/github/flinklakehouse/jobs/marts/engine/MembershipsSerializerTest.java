package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Memberships survive a snapshot in the compact layout, and layout-1 state of earlier builds still restores. */
class MembershipsSerializerTest {

    private static final long HOUR_CLOSE = 1_569_895_200_000L;
    private static final long DAY_CLOSE = 1_569_978_000_000L;

    @Test
    void aSnapshotKeepsEveryEntryAndWritesEachCloseTimeOnce() throws Exception {
        Memberships seen = new Memberships();
        add(seen, 0, "electronics.smartphone", DAY_CLOSE, 1, false);
        add(seen, 1, "appliances.kitchen", DAY_CLOSE, 3, false);
        add(seen, 1, "\u00e9t\u00e9", HOUR_CLOSE, 70_000, false);

        DataOutputSerializer out = new DataOutputSerializer(64);
        MembershipsSerializer.INSTANCE.serialize(seen, out);
        Memberships restored = MembershipsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(restored.size).isEqualTo(3);
        assertThat(restored.fixedWidthKeys).isFalse();
        assertThat(restored.flags[2]).isEqualTo(70_000);
        assertThat(restored.closes).startsWith(DAY_CLOSE, DAY_CLOSE, HOUR_CLOSE);
        assertThat(find(restored, 1, "appliances.kitchen", false)).isEqualTo(1);
        assertThat(find(restored, 1, "\u00e9t\u00e9", false)).isEqualTo(2);
        // Format byte, 2 closes of 8 bytes, count, 4 bytes per entry (flags 70,000: 3 bytes), then the keys.
        assertThat(out.length()).isEqualTo(1 + 1 + 16 + 1 + 4 + 4 + 6 + seen.keyBytes);
        assertThat(restored.removeClosedAt(HOUR_CLOSE)).isTrue();
        assertThat(restored.size).isEqualTo(2);
    }

    @Test
    void layoutOneStateOfEarlierBuildsRestoresAndKeepsFindingItsFixedWidthKeys() throws Exception {
        Memberships old = new Memberships();
        add(old, 0, "electronics.smartphone", DAY_CLOSE, 1, true);
        add(old, 2, "apparel.shoes", HOUR_CLOSE, 6, true);

        Memberships restored = MembershipsSerializer.INSTANCE.deserialize(new DataInputDeserializer(layoutOne(old)));

        assertThat(restored.fixedWidthKeys).isTrue();
        assertThat(restored.size).isEqualTo(2);
        assertThat(restored.closes).startsWith(DAY_CLOSE, HOUR_CLOSE);
        assertThat(restored.flags).startsWith(1, 6);
        assertThat(find(restored, 2, "apparel.shoes", true)).as("found in the encoding it was written in").isEqualTo(1);
        assertThat(find(restored, 2, "apparel.shoes", false)).as("not in the compact one").isEqualTo(-1);

        // Written again, it stays in its encoding (the next checkpoint after the restore).
        DataOutputSerializer out = new DataOutputSerializer(64);
        MembershipsSerializer.INSTANCE.serialize(restored, out);
        Memberships again = MembershipsSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(again.fixedWidthKeys).isTrue();
        assertThat(find(again, 0, "electronics.smartphone", true)).isZero();
    }

    private static void add(Memberships seen, int aggregation, String key, long close, int flags, boolean fixedWidth) {
        KeyBuffer encoded = encode(key, fixedWidth);
        seen.fixedWidthKeys = fixedWidth;
        seen.add(aggregation, encoded.bytes(), encoded.length(), close, flags);
    }

    private static int find(Memberships seen, int aggregation, String key, boolean fixedWidth) {
        KeyBuffer encoded = encode(key, fixedWidth);
        return seen.find(aggregation, encoded.bytes(), encoded.length());
    }

    private static KeyBuffer encode(String key, boolean fixedWidth) {
        KeyBuffer encoded = new KeyBuffer();
        encoded.reset(fixedWidth);
        encoded.writeString(key);
        return encoded;
    }

    /** The bytes the serializer of earlier builds wrote (memberships layout 1). */
    private static byte[] layoutOne(Memberships value) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeInt(value.size);
        for (int i = 0; i < value.size; i++) {
            out.writeByte(value.aggregations[i]);
            out.writeInt(value.lengths[i]);
            out.writeLong(value.closes[i]);
            out.writeInt(value.flags[i]);
        }
        out.writeInt(value.keyBytes);
        out.write(value.keys, 0, value.keyBytes);
        return out.getCopyOfBuffer();
    }
}

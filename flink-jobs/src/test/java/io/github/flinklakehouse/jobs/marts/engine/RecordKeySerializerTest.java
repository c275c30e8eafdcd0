package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Record keys cross the network component by component and come back equal, nulls included. */
class RecordKeySerializerTest {

    /** A key with every supported kind of component. */
    public record Everything(long day, int slot, short small, byte tiny, boolean flag, String text, TimeUnit unit,
            Long maybeLong, Integer maybeInt) {
    }

    @Test
    void recordKeysRoundTripWithAndWithoutNulls() throws Exception {
        TypeSerializer<Everything> serializer = RecordKeySerializer.networkType(TypeInformation.of(Everything.class))
                .createSerializer(new SerializerConfigImpl());
        assertThat(serializer).isInstanceOf(RecordKeySerializer.class);
        Everything full = new Everything(Long.MIN_VALUE, -7, (short) 300, (byte) -1, true, "électronique.ß 中",
                TimeUnit.HOURS, Long.MAX_VALUE, 42);
        Everything empty = new Everything(0, 0, (short) 0, (byte) 0, false, null, null, null, null);
        assertThat(roundTrip(serializer, full)).isEqualTo(full);
        assertThat(roundTrip(serializer, empty)).isEqualTo(empty);
        assertThat(roundTrip(serializer, new Everything(1, 2, (short) 3, (byte) 4, false, "", TimeUnit.DAYS, 5L, 6)))
                .isEqualTo(new Everything(1, 2, (short) 3, (byte) 4, false, "", TimeUnit.DAYS, 5L, 6));
    }

    @Test
    void stringsComeBackCharForCharALoneSurrogateIncluded() throws Exception {
        // A JSON escape of a lone surrogate decodes to one; UTF-8 bytes would make it '?', another key.
        TypeSerializer<Everything> serializer = RecordKeySerializer.networkType(TypeInformation.of(Everything.class))
                .createSerializer(new SerializerConfigImpl());
        Everything lone = new Everything(1, 2, (short) 3, (byte) 4, true, "a\ud800b\udfff", TimeUnit.DAYS, null, 7);
        Everything read = roundTrip(serializer, lone);
        assertThat(read).isEqualTo(lone);
        assertThat(read.text()).isEqualTo("a\ud800b\udfff");
    }

    /** A key of one partition: no component at all. */
    public record Nothing() {
    }

    @Test
    void recordsWithoutComponentsWriteNothing() throws Exception {
        TypeSerializer<Nothing> serializer = RecordKeySerializer.networkType(TypeInformation.of(Nothing.class))
                .createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(8);
        serializer.serialize(new Nothing(), out);
        assertThat(out.length()).isZero();
        assertThat(roundTrip(serializer, new Nothing())).isEqualTo(new Nothing());
    }

    @Test
    void otherKeyTypesKeepTheirOwnSerializer() {
        assertThat(RecordKeySerializer.networkType(Types.LONG)).isSameAs(Types.LONG);
        assertThat(RecordKeySerializer.networkType(Types.STRING)).isSameAs(Types.STRING);
    }

    private static <K> K roundTrip(TypeSerializer<K> serializer, K key) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(key, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getSharedBuffer(), 0, out.length());
        K read = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return read;
    }
}

package io.github.flinklakehouse.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RawRecordDeserializationSchemaTest {

    private final RawRecordDeserializationSchema schema = new RawRecordDeserializationSchema();

    @Test
    void wrapsAnyBytesWithTheirOriginWithoutThrowing() throws Exception {
        byte[] garbage = {(byte) 0xC3, (byte) 0x28, 0, 1};
        List<RawRecord> out = new ArrayList<>();

        schema.deserialize(new ConsumerRecord<>("clicks", 1, 42L, null, garbage), collector(out));
        schema.deserialize(new ConsumerRecord<>("clicks", 0, 7L, null, null), collector(out));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).payload()).isEqualTo(garbage);
        assertThat(out.get(0).sourcePosition()).isEqualTo("clicks/1/42");
        assertThat(out.get(1).payload()).isEmpty();
    }

    @Test
    void producedTypeIsAPojoSoNoKryoIsNeeded() throws Exception {
        assertThat(schema.getProducedType()).isInstanceOf(PojoTypeInfo.class);
        TypeSerializer<RawRecord> serializer =
                schema.getProducedType().createSerializer(new SerializerConfigImpl());
        RawRecord record = new RawRecord("t", 3, 9L, 1_569_888_000_000L, "{}".getBytes(StandardCharsets.UTF_8));
        DataOutputSerializer output = new DataOutputSerializer(64);
        serializer.serialize(record, output);

        assertThat(serializer.deserialize(new DataInputDeserializer(output.getCopyOfBuffer()))).isEqualTo(record);
    }

    private static <T> Collector<T> collector(List<T> sink) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                sink.add(record);
            }

            @Override
            public void close() {
            }
        };
    }
}

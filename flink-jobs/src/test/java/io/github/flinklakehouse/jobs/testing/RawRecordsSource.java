package io.github.flinklakehouse.jobs.testing;

import io.github.flinklakehouse.connectors.kafka.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/** A bounded FLIP-27 source of raw records with fixed payloads, positioned like one Kafka partition. */
public final class RawRecordsSource {

    private RawRecordsSource() {
    }

    /** Record {@code i} carries {@code payloads.get(i)} at offset {@code i} of {@code topic}/0. */
    public static DataGeneratorSource<RawRecord> of(String topic, List<byte[]> payloads, long timestamp) {
        ArrayList<byte[]> copy = new ArrayList<>(payloads);
        GeneratorFunction<Long, RawRecord> byIndex =
                index -> new RawRecord(topic, 0, index, timestamp, copy.get(index.intValue()));
        return new DataGeneratorSource<>(byIndex, copy.size(), TypeInformation.of(RawRecord.class));
    }
}

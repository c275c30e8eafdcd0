package io.github.flinklakehouse.connectors.kafka;

import java.util.Arrays;
import java.util.Objects;

/**
 * The untouched bytes of one Kafka record together with where it came from.
 *
 * <p>Parsing happens downstream in an operator, so a malformed value becomes a dead letter with this
 * origin instead of failing the source task.
 *
 * @param topic Kafka topic
 * @param partition Kafka partition
 * @param offset offset inside the partition
 * @param timestamp the Kafka record timestamp in epoch milliseconds
 * @param payload the record value bytes, empty for a tombstone
 */
public record RawRecord(String topic, int partition, long offset, long timestamp, byte[] payload) {

    /** Source name used in lineage columns and dead letters. */
    public static final String SOURCE_KAFKA = "kafka";

    public RawRecord {
        Objects.requireNonNull(topic, "topic");
        payload = payload == null ? new byte[0] : payload;
    }

    /** Returns the position as {@code topic/partition/offset}, the form used in lineage columns. */
    public String sourcePosition() {
        return topic + "/" + partition + "/" + offset;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawRecord that
                && topic.equals(that.topic)
                && partition == that.partition
                && offset == that.offset
                && timestamp == that.timestamp
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, timestamp, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "RawRecord[" + sourcePosition() + ", timestamp=" + timestamp + ", payloadBytes=" + payload.length + "]";
    }
}

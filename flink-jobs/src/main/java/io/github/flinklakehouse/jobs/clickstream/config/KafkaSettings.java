package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;

/**
 * Where the clickstream job reads from.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic topic of JSON click events
 * @param groupId consumer group id
 * @param startingOffsets where to start without a checkpoint
 * @param startingPositions explicit {@code partition:offset[,...]} to start at without a checkpoint (partitions not
 *     named start at their committed offset, else the earliest); null to use {@code startingOffsets}
 */
public record KafkaSettings(String bootstrapServers, String topic, String groupId, StartingOffsets startingOffsets,
        String startingPositions) implements Serializable {

    /** Settings without explicit starting positions. */
    public KafkaSettings(String bootstrapServers, String topic, String groupId, StartingOffsets startingOffsets) {
        this(bootstrapServers, topic, groupId, startingOffsets, null);
    }
}

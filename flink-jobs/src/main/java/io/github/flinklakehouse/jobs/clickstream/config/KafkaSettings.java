package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;

/**
 * Where the clickstream job reads from.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic topic of JSON click events
 * @param groupId consumer group id
 * @param startingOffsets where to start without a checkpoint
 */
public record KafkaSettings(String bootstrapServers, String topic, String groupId, StartingOffsets startingOffsets)
        implements Serializable {
}

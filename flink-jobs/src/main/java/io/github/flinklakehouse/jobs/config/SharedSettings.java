package io.github.flinklakehouse.jobs.config;

import io.github.flinklakehouse.catalog.CatalogSettings;
import java.io.Serializable;

/**
 * What every pipeline shares: where the lake, the marts and Kafka are, and how the jobs run.
 *
 * @param kafkaBootstrapServers Kafka bootstrap servers
 * @param catalog Iceberg catalog and S3 settings
 * @param marts PostgreSQL marts settings
 * @param pipeline checkpointing and parallelism
 */
public record SharedSettings(String kafkaBootstrapServers, CatalogSettings catalog, MartsSettings marts,
        PipelineSettings pipeline) implements Serializable {
}

package io.github.flinklakehouse.jobs.config;

import io.github.flinklakehouse.catalog.CatalogSettings;
import java.io.Serializable;

/**
 * The whole, validated, immutable configuration of the lakehouse jobs; build it with {@link ConfigLoader}.
 *
 * <p>{@link #toString()} redacts every secret (the nested settings do).
 *
 * @param kafka Kafka source settings
 * @param catalog Iceberg catalog and S3 settings
 * @param marts PostgreSQL marts settings
 * @param clickstream clickstream event-time settings
 * @param pipeline checkpointing and parallelism
 * @param replay what {@code --job clickstream-replay} re-reads
 * @param backfill what {@code --job clickstream-backfill} reads
 */
public record LakehouseConfig(
        KafkaSettings kafka,
        CatalogSettings catalog,
        MartsSettings marts,
        ClickstreamSettings clickstream,
        PipelineSettings pipeline,
        ReplaySettings replay,
        BackfillSettings backfill) implements Serializable {
}

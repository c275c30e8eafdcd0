package io.github.flinklakehouse.jobs.config;

import io.github.flinklakehouse.catalog.CatalogSettings;
import java.io.Serializable;
import java.util.Map;

/**
 * The whole, validated, immutable configuration of a lakehouse job; build it with {@link ConfigLoader} (or the
 * pipeline registry, which knows every pipeline's options).
 *
 * <p>{@link #toString()} redacts every secret (the nested settings do).
 *
 * @param shared where the lake, the marts and Kafka are, and how jobs run
 * @param backfill what a backfill job reads
 * @param replay what a replay job re-reads
 * @param maintenance which lake tables maintenance keeps and how
 * @param pipelines each loaded pipeline's own settings, by its option group's {@link OptionGroup#title()}
 */
public record LakehouseConfig(SharedSettings shared, BackfillSettings backfill, ReplaySettings replay,
        MaintenanceSettings maintenance, Map<String, Object> pipelines) implements Serializable {

    public LakehouseConfig {
        pipelines = Map.copyOf(pipelines);
    }

    /** Iceberg catalog and S3 settings. */
    public CatalogSettings catalog() {
        return shared.catalog();
    }

    /** PostgreSQL marts settings. */
    public MartsSettings marts() {
        return shared.marts();
    }

    /** Checkpointing and parallelism. */
    public PipelineSettings pipeline() {
        return shared.pipeline();
    }

    /** The settings of {@code group}, which must have been loaded with this configuration. */
    @SuppressWarnings("unchecked")
    public <S> S settings(OptionGroup<S> group) {
        Object settings = pipelines.get(group.title());
        if (settings == null) {
            throw new IllegalStateException("The options of '" + group.title() + "' were not loaded with this "
                    + "configuration; load it through the pipeline registry");
        }
        return (S) settings;
    }
}

package io.github.flinklakehouse.jobs.warehouse;

import java.io.Serializable;
import java.util.List;

/**
 * Whether the clickstream job maintains the warehouse tables and which attributes {@code dim_user} tracks.
 *
 * @param enabled whether {@code dim_user}, {@code dim_product} and {@code fact_user_events} are written
 * @param trackedAttributes the {@code dim_user} attributes whose change opens a new version, in column order
 * @param minCompleteness the least share of a backfill's staged rows that must become facts
 *     ({@link FactCompletenessCheck}), from 0 to 1
 * @param rewriteLiveState whether a backfill of a range may publish when it changes what a live job holds in its
 *     state (a user's current version, a product's row; {@link WarehouseRangeMerge})
 * @param backfillWritesLake whether a published backfill also brings the lake copies ({@code curated.*}) to the
 *     target's rows ({@link WarehouseLakeCopy})
 */
public record WarehouseSettings(boolean enabled, List<UserAttribute> trackedAttributes, double minCompleteness,
        boolean rewriteLiveState, boolean backfillWritesLake) implements Serializable {

    /** The default of {@link #minCompleteness}: 90% of the staged rows, as the warehouse use case checks. */
    public static final double DEFAULT_MIN_COMPLETENESS = 0.9;

    public WarehouseSettings {
        trackedAttributes = List.copyOf(trackedAttributes);
        if (trackedAttributes.isEmpty()) {
            throw new IllegalArgumentException("dim_user needs at least one tracked attribute");
        }
        if (trackedAttributes.stream().distinct().count() != trackedAttributes.size()) {
            throw new IllegalArgumentException("dim_user tracks each attribute once: " + trackedAttributes);
        }
        if (!(minCompleteness >= 0 && minCompleteness <= 1)) {
            throw new IllegalArgumentException("The least completeness is a share from 0 to 1: " + minCompleteness);
        }
    }

    /**
     * With the default least completeness, never rewriting what a live job holds, and a backfill writing the lake
     * copies.
     */
    public WarehouseSettings(boolean enabled, List<UserAttribute> trackedAttributes) {
        this(enabled, trackedAttributes, DEFAULT_MIN_COMPLETENESS, false, true);
    }

    /** The defaults of {@link WarehouseOptions}: disabled, tracking device, country and region. */
    public static WarehouseSettings defaults() {
        return new WarehouseSettings(false, List.of(UserAttribute.DEVICE, UserAttribute.COUNTRY, UserAttribute.REGION));
    }

    /** Enabled, tracking {@code attributes}. */
    public static WarehouseSettings tracking(UserAttribute... attributes) {
        return new WarehouseSettings(true, List.of(attributes));
    }
}

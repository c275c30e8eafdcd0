package io.github.flinklakehouse.jobs.warehouse;

import java.io.Serializable;
import java.util.List;

/**
 * Whether the clickstream job maintains the warehouse tables and which attributes {@code dim_user} tracks.
 *
 * @param enabled whether {@code dim_user}, {@code dim_product} and {@code fact_user_events} are written
 * @param trackedAttributes the {@code dim_user} attributes whose change opens a new version, in column order
 */
public record WarehouseSettings(boolean enabled, List<UserAttribute> trackedAttributes) implements Serializable {

    public WarehouseSettings {
        trackedAttributes = List.copyOf(trackedAttributes);
        if (trackedAttributes.isEmpty()) {
            throw new IllegalArgumentException("dim_user needs at least one tracked attribute");
        }
        if (trackedAttributes.stream().distinct().count() != trackedAttributes.size()) {
            throw new IllegalArgumentException("dim_user tracks each attribute once: " + trackedAttributes);
        }
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

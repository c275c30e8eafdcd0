package io.github.flinklakehouse.jobs.config;

import io.github.flinklakehouse.catalog.maintenance.MaintenancePolicy;
import java.io.Serializable;
import java.util.List;

/**
 * Which tables lake maintenance keeps and how.
 *
 * @param namespaces the Iceberg namespaces whose every table is maintained
 * @param policy compaction, expiry and orphan cleanup settings
 */
public record MaintenanceSettings(List<String> namespaces, MaintenancePolicy policy) implements Serializable {

    public MaintenanceSettings {
        namespaces = List.copyOf(namespaces);
    }
}

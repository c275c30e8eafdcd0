package io.github.flinklakehouse.catalog;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * One Iceberg table as code: where it lives, its columns and how it is partitioned.
 *
 * @param identifier namespace and name
 * @param schema columns with stable field ids
 * @param spec partition spec
 */
public record TableDefinition(TableIdentifier identifier, Schema schema, PartitionSpec spec) {

    /**
     * How many earlier {@code metadata.json} files a table keeps: a streaming writer commits on every checkpoint,
     * and without a limit the metadata folder grows by one file per commit for ever.
     */
    public static final int METADATA_VERSIONS_KEPT = 100;

    /** Table properties every raw table is created with: format v2, zstd-compressed Parquet, bounded metadata. */
    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(TableProperties.FORMAT_VERSION, "2");
        properties.put(TableProperties.PARQUET_COMPRESSION, "zstd");
        properties.putAll(maintenanceProperties());
        return properties;
    }

    /**
     * The properties that keep a table healthy while jobs commit to it for weeks; set on tables created before
     * they existed too ({@link LakeTables#ensure}). Snapshot expiry and compaction are separate maintenance.
     */
    public Map<String, String> maintenanceProperties() {
        return Map.of(
                TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
                TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, String.valueOf(METADATA_VERSIONS_KEPT));
    }
}

package io.github.flinklakehouse.catalog;

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

    /** Table properties every raw table is created with: format v2, zstd-compressed Parquet. */
    public Map<String, String> properties() {
        return Map.of(
                TableProperties.FORMAT_VERSION, "2",
                TableProperties.PARQUET_COMPRESSION, "zstd");
    }
}

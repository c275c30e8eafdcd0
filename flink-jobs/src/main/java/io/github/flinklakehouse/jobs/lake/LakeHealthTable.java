package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;

/** {@code lake_health}: per Iceberg table, its files and snapshots after the last maintenance pass. */
public final class LakeHealthTable {

    /** The table, in the marts schema beside {@code pipeline_freshness}. */
    public static final MartTable<LakeHealthRow> TABLE = MartTable.builder("lake_health", LakeHealthRow.class)
            .purpose("per Iceberg table of the lake: data files, their average size, snapshots and manifests after "
                    + "the last maintenance pass, when it last compacted and expired snapshots; written by "
                    + "lakehouse maintain")
            .column("table_name", SqlType.TEXT, LakeHealthRow::tableName)
            .column("data_files", SqlType.BIGINT, LakeHealthRow::dataFiles)
            .column("data_bytes", SqlType.BIGINT, LakeHealthRow::dataBytes)
            .column("avg_file_bytes", SqlType.BIGINT, LakeHealthRow::avgFileBytes)
            .column("records", SqlType.BIGINT, LakeHealthRow::records)
            .column("snapshots", SqlType.INTEGER, LakeHealthRow::snapshots)
            .column("manifests", SqlType.INTEGER, LakeHealthRow::manifests)
            .nullableColumn("oldest_snapshot_at", SqlType.TIMESTAMPTZ, LakeHealthRow::oldestSnapshotAt)
            .nullableColumn("last_compaction_at", SqlType.TIMESTAMPTZ, LakeHealthRow::lastCompactionAt)
            .nullableColumn("last_expiry_at", SqlType.TIMESTAMPTZ, LakeHealthRow::lastExpiryAt)
            .column("files_compacted", SqlType.INTEGER, LakeHealthRow::filesCompacted)
            .column("snapshots_expired", SqlType.INTEGER, LakeHealthRow::snapshotsExpired)
            .column("orphans_deleted", SqlType.INTEGER, LakeHealthRow::orphansDeleted)
            .key("table_name")
            .build();

    private LakeHealthTable() {
    }
}

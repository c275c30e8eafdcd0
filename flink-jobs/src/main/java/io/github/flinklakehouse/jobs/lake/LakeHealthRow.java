package io.github.flinklakehouse.jobs.lake;

import java.time.Instant;

/**
 * One row of {@code lake_health}: one Iceberg table after the last maintenance pass.
 *
 * @param tableName namespace and name, e.g. {@code raw.clickstream_events}
 * @param dataFiles data files of the current snapshot
 * @param dataBytes their total size
 * @param avgFileBytes average data file size
 * @param records rows of the current snapshot
 * @param snapshots snapshots in the table's metadata
 * @param manifests manifests of the current snapshot
 * @param oldestSnapshotAt when the oldest kept snapshot was committed ({@code null}: empty table)
 * @param lastCompactionAt when maintenance last committed a compaction ({@code null}: never)
 * @param lastExpiryAt when maintenance last ran snapshot expiry ({@code null}: never)
 * @param filesCompacted data files the last pass merged
 * @param snapshotsExpired snapshots the last pass expired
 * @param orphansDeleted orphan files the last pass deleted
 */
public record LakeHealthRow(String tableName, long dataFiles, long dataBytes, long avgFileBytes, long records,
        int snapshots, int manifests, Instant oldestSnapshotAt, Instant lastCompactionAt, Instant lastExpiryAt,
        int filesCompacted, int snapshotsExpired, int orphansDeleted) {
}

package io.github.flinklakehouse.catalog.maintenance;

import java.io.Serializable;
import java.time.Duration;
import java.util.Set;

/**
 * How lake maintenance treats a table: the data file size compaction aims at, which snapshots expiry keeps and how
 * old an unreferenced file must be before it counts as an orphan.
 *
 * @param targetFileSizeBytes size compaction writes data files at (small files of a partition are merged up to it)
 * @param minInputFiles a partition is compacted only when it has at least this many files to merge
 * @param snapshotRetention snapshots younger than this are always kept
 * @param snapshotsKept the latest snapshots kept whatever their age
 * @param savepointRetention the last commit of every Flink job that committed within this time is kept, with every
 *        snapshot after it, so the job's savepoints and retained checkpoints restore exactly once
 * @param protectedJobIds Flink job ids whose last commit is kept whatever its age (savepoints kept for longer)
 * @param orphanFileAge files under the table's location that no snapshot references are deleted once this old
 */
public record MaintenancePolicy(long targetFileSizeBytes, int minInputFiles, Duration snapshotRetention,
        int snapshotsKept, Duration savepointRetention, Set<String> protectedJobIds, Duration orphanFileAge)
        implements Serializable {

    public MaintenancePolicy {
        protectedJobIds = Set.copyOf(protectedJobIds);
        if (targetFileSizeBytes <= 0 || minInputFiles < 2 || snapshotsKept < 1 || snapshotRetention.isNegative()
                || savepointRetention.isNegative() || orphanFileAge.compareTo(savepointRetention) < 0) {
            throw new IllegalArgumentException("Invalid maintenance policy " + this);
        }
    }
}

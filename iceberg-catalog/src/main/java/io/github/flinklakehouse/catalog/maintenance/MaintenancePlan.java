package io.github.flinklakehouse.catalog.maintenance;

import java.util.ArrayList;
import java.util.List;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.io.FileInfo;

/**
 * What one maintenance pass would do to a table (a dry run changes nothing).
 *
 * @param health the table now
 * @param compaction per partition: files to merge, their bytes and the files they become
 * @param manifestsToRewrite manifests of the current snapshot that would be merged (0: none)
 * @param snapshotsToExpire snapshots expiry would remove
 * @param filesExpiryDeletes data files only those snapshots reference (deleted with them)
 * @param bytesExpiryDeletes their size
 * @param retention how far back expiry goes and which writers' last commits bound it
 * @param orphans unreferenced files older than the safe age
 */
public record MaintenancePlan(TableHealth health, List<PartitionCompaction> compaction, int manifestsToRewrite,
        List<Snapshot> snapshotsToExpire, int filesExpiryDeletes, long bytesExpiryDeletes,
        SnapshotRetention.Decision retention, List<FileInfo> orphans) {

    /**
     * The small files of one partition that compaction merges.
     *
     * @param partition the partition, as Iceberg prints it
     * @param files files merged
     * @param bytes their size
     * @param outputFiles files they become
     */
    public record PartitionCompaction(String partition, int files, long bytes, int outputFiles) {
    }

    /** Data files compaction would merge. */
    public int filesToCompact() {
        return compaction.stream().mapToInt(PartitionCompaction::files).sum();
    }

    /** Human-readable lines: what would be rewritten and deleted, and why older snapshots stay. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(health.table() + ": " + health.dataFiles() + " data files, average " + health.averageFileBytes()
                + " bytes, " + health.snapshots() + " snapshots, " + health.manifests() + " manifests");
        if (compaction.isEmpty()) {
            lines.add("  compaction: nothing to merge");
        }
        for (PartitionCompaction partition : compaction) {
            lines.add("  compaction: would rewrite " + partition.files() + " files (" + partition.bytes()
                    + " bytes) of partition " + partition.partition() + " into " + partition.outputFiles());
        }
        lines.add("  manifests: " + (manifestsToRewrite == 0 ? "nothing to merge"
                : "would rewrite " + manifestsToRewrite + " manifests"));
        lines.add("  snapshot expiry: would expire " + snapshotsToExpire.size() + " snapshots committed before "
                + retention.expireOlderThan() + " and delete " + filesExpiryDeletes + " data files (" + bytesExpiryDeletes
                + " bytes) only they reference");
        for (ProtectedWriter writer : retention.protectedWriters()) {
            lines.add("    keeps the last commit of Flink job " + writer.jobId() + " (checkpoint "
                    + writer.checkpointId() + ", snapshot " + writer.snapshotId() + ", " + writer.committedAt()
                    + ") and every snapshot after it");
        }
        lines.add("  orphan files: would delete " + orphans.size() + " files ("
                + orphans.stream().mapToLong(FileInfo::size).sum() + " bytes)");
        orphans.stream().limit(20).forEach(orphan -> lines.add("    " + orphan.location()));
        return lines;
    }
}

package io.github.flinklakehouse.catalog.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.util.PropertyUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One maintenance pass over one Iceberg table, while its writers keep committing: compaction of small data files,
 * merging of manifests, snapshot expiry that keeps what a Flink writer's restore needs ({@link SnapshotRetention})
 * and deletion of old orphan files; or the same as a dry run ({@link #plan}).
 *
 * <p>Each step is its own Iceberg commit with Iceberg's optimistic retries, so a streaming append that lands in
 * between is re-applied, never lost or failed. A step that loses a genuine conflict (another maintenance pass
 * rewrote the same files) is skipped with a note; the next pass does it.
 */
public final class LakeTableMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(LakeTableMaintenance.class);
    private static final int DELETE_THREADS = 4;

    private LakeTableMaintenance() {
    }

    /** What {@link #run} would do now; changes nothing. */
    public static MaintenancePlan plan(Table table, MaintenancePolicy policy, Instant now) {
        table.refresh();
        List<MaintenancePlan.PartitionCompaction> compaction = new ArrayList<>();
        for (RewriteFileGroup group : SmallFileCompaction.plan(table, policy)) {
            compaction.add(new MaintenancePlan.PartitionCompaction(String.valueOf(group.info().partition()),
                    group.inputFileNum(), group.inputFilesSizeInBytes(), group.expectedOutputFiles()));
        }
        SnapshotRetention.Decision retention = SnapshotRetention.decide(table, policy, now);
        List<Snapshot> expired = table.expireSnapshots().expireOlderThan(retention.expireOlderThan().toEpochMilli())
                .retainLast(policy.snapshotsKept()).apply();
        Set<Long> expiredIds = new HashSet<>();
        expired.forEach(snapshot -> expiredIds.add(snapshot.snapshotId()));
        List<Snapshot> kept = new ArrayList<>();
        table.snapshots().forEach(snapshot -> {
            if (!expiredIds.contains(snapshot.snapshotId())) {
                kept.add(snapshot);
            }
        });
        Map<String, Long> onlyExpired = new HashMap<>(ReachableFiles.contentFilesOf(table, expired));
        onlyExpired.keySet().removeAll(ReachableFiles.contentFilesOf(table, kept).keySet());
        List<FileInfo> orphans = OrphanFiles.find(table, now.minus(policy.orphanFileAge()));
        return new MaintenancePlan(TableHealth.of(table), compaction, manifestsToRewrite(table), expired,
                onlyExpired.size(), onlyExpired.values().stream().mapToLong(Long::longValue).sum(), retention, orphans);
    }

    /** Runs the pass: compaction, manifests, expiry, orphans, in that order (expiry deletes what compaction replaced). */
    public static MaintenanceReport run(Table table, MaintenancePolicy policy, Instant now) {
        table.refresh();
        TableHealth before = TableHealth.of(table);
        List<String> notes = new ArrayList<>();
        int[] compacted = compact(table, policy, notes);
        Instant compactedAt = compacted[0] > 0 ? Instant.now() : null;
        int manifests = rewriteManifests(table, notes);
        int expired = expireSnapshots(table, policy, now);
        Instant expiredAt = Instant.now();
        List<FileInfo> orphans = OrphanFiles.find(table, now.minus(policy.orphanFileAge()));
        orphans.forEach(orphan -> table.io().deleteFile(orphan.location()));
        table.refresh();
        MaintenanceReport report = new MaintenanceReport(before, TableHealth.of(table), compacted[0], compacted[1],
                manifests, expired, orphans.size(), compactedAt, expiredAt, notes);
        LOG.info("Maintained {}", report.summary());
        return report;
    }

    private static int[] compact(Table table, MaintenancePolicy policy, List<String> notes) {
        Snapshot plannedOn = table.currentSnapshot();
        List<RewriteFileGroup> groups = SmallFileCompaction.plan(table, policy);
        if (groups.isEmpty()) {
            return new int[] {0, 0};
        }
        try {
            SmallFileCompaction.rewrite(table, plannedOn.snapshotId(), groups);
        } catch (ValidationException | CommitFailedException conflict) {
            notes.add("compaction skipped: " + conflict.getMessage());
            return new int[] {0, 0};
        }
        int merged = groups.stream().mapToInt(RewriteFileGroup::inputFileNum).sum();
        int written = groups.stream().mapToInt(group -> group.addedFiles().size()).sum();
        return new int[] {merged, written};
    }

    private static int rewriteManifests(Table table, List<String> notes) {
        table.refresh();
        int manifests = manifestsToRewrite(table);
        if (manifests == 0) {
            return 0;
        }
        try {
            table.rewriteManifests().clusterBy(file -> file.specId()).commit();
            return manifests;
        } catch (ValidationException | CommitFailedException conflict) {
            // A writer's append merged the same manifests first (commit.manifest-merge.enabled).
            notes.add("manifest rewrite skipped: " + conflict.getMessage());
            return 0;
        }
    }

    /** Data manifests of the current snapshot when there are more than their size needs, else 0. */
    private static int manifestsToRewrite(Table table) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return 0;
        }
        List<ManifestFile> manifests = current.dataManifests(table.io());
        long bytes = manifests.stream().mapToLong(ManifestFile::length).sum();
        long target = PropertyUtil.propertyAsLong(table.properties(), TableProperties.MANIFEST_TARGET_SIZE_BYTES,
                TableProperties.MANIFEST_TARGET_SIZE_BYTES_DEFAULT);
        return manifests.size() > 1 + bytes / target ? manifests.size() : 0;
    }

    private static int expireSnapshots(Table table, MaintenancePolicy policy, Instant now) {
        table.refresh();
        SnapshotRetention.Decision retention = SnapshotRetention.decide(table, policy, now);
        int before = count(table.snapshots());
        // One DeleteObject per file: S3-compatible stores that lack the checksum headers the AWS SDK in
        // iceberg-aws-bundle 1.11 sends on bulk DeleteObjects answer 501 Not Implemented (S3Proxy did until the local
        // stack set s3proxy.ignore-unknown-headers), and the files would stay behind as orphans.
        ExecutorService deletes = Executors.newFixedThreadPool(DELETE_THREADS);
        try {
            table.expireSnapshots().expireOlderThan(retention.expireOlderThan().toEpochMilli())
                    .retainLast(policy.snapshotsKept()).cleanExpiredFiles(true)
                    .deleteWith(table.io()::deleteFile).executeDeleteWith(deletes).commit();
        } finally {
            deletes.shutdown();
        }
        table.refresh();
        // Snapshots the writers added meanwhile make this a lower bound, never an overcount.
        return Math.max(0, before - count(table.snapshots()));
    }

    private static int count(Iterable<Snapshot> snapshots) {
        int count = 0;
        for (Snapshot ignored : snapshots) {
            count++;
        }
        return count;
    }
}

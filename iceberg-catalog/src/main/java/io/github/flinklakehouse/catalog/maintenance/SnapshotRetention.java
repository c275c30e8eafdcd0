package io.github.flinklakehouse.catalog.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.util.SnapshotUtil;

/**
 * Decides how far back snapshot expiry may go without breaking the restore of a Flink job that writes the table.
 *
 * <p>The Iceberg Flink committer, restored from a savepoint or checkpoint, learns what it already committed by
 * walking the main branch from the current snapshot back through each parent to the first snapshot whose summary
 * carries its {@code flink.job-id} (and operator id) with {@code flink.max-committed-checkpoint-id}
 * ({@code SinkUtil.getMaxCommittedCheckpointId} in Iceberg 1.11). The walk stops at the first expired parent; it
 * then believes nothing was committed and commits the restored files again, which doubles rows (and fails when
 * compaction has since deleted those files). So for every writer that may still be restored, its latest snapshot
 * and every snapshot after it stay.
 */
public final class SnapshotRetention {

    static final String FLINK_JOB_ID = "flink.job-id";
    static final String FLINK_OPERATOR_ID = "flink.operator-id";
    static final String MAX_COMMITTED_CHECKPOINT_ID = "flink.max-committed-checkpoint-id";

    private SnapshotRetention() {
    }

    /**
     * What expiry may remove now.
     *
     * @param expireOlderThan snapshots committed before this instant may be expired (Iceberg still keeps the
     *        policy's latest {@code snapshotsKept})
     * @param protectedWriters the writers whose last commit bounds {@code expireOlderThan}, oldest first
     */
    public record Decision(Instant expireOlderThan, List<ProtectedWriter> protectedWriters) {
    }

    /** The decision for {@code table} under {@code policy} at {@code now}. */
    public static Decision decide(Table table, MaintenancePolicy policy, Instant now) {
        Instant bound = now.minus(policy.snapshotRetention());
        List<ProtectedWriter> protectedWriters = new ArrayList<>();
        Instant writerHorizon = now.minus(policy.savepointRetention());
        for (ProtectedWriter writer : latestCommitPerWriter(table).values()) {
            if (!writer.committedAt().isBefore(writerHorizon) || policy.protectedJobIds().contains(writer.jobId())) {
                protectedWriters.add(writer);
                if (writer.committedAt().isBefore(bound)) {
                    bound = writer.committedAt(); // expireOlderThan is exclusive: the writer's snapshot stays
                }
            }
        }
        protectedWriters.sort(Comparator.comparing(ProtectedWriter::committedAt));
        return new Decision(bound, List.copyOf(protectedWriters));
    }

    /** Per Flink writer ({@code job/operator}), its latest commit on the main branch, as the committer finds it. */
    static Map<String, ProtectedWriter> latestCommitPerWriter(Table table) {
        Map<String, ProtectedWriter> latest = new LinkedHashMap<>();
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return latest;
        }
        for (Snapshot snapshot : SnapshotUtil.ancestorsOf(current.snapshotId(), table::snapshot)) {
            Map<String, String> summary = snapshot.summary();
            String jobId = summary.get(FLINK_JOB_ID);
            String checkpoint = summary.get(MAX_COMMITTED_CHECKPOINT_ID);
            if (jobId != null && checkpoint != null) {
                String operatorId = summary.get(FLINK_OPERATOR_ID);
                latest.putIfAbsent(jobId + "/" + operatorId, new ProtectedWriter(jobId, operatorId,
                        snapshot.snapshotId(), Long.parseLong(checkpoint), Instant.ofEpochMilli(snapshot.timestampMillis())));
            }
        }
        return latest;
    }
}

package io.github.flinklakehouse.catalog.maintenance;

import java.time.Instant;

/**
 * The last commit of one Flink writer (job and committer operator) that snapshot expiry must keep.
 *
 * @param jobId the Flink job id in the snapshot summary ({@code flink.job-id})
 * @param operatorId the committer's operator id ({@code flink.operator-id}), or {@code null} for old writers
 * @param snapshotId the writer's latest snapshot on the main branch
 * @param checkpointId the last checkpoint it committed ({@code flink.max-committed-checkpoint-id})
 * @param committedAt when that snapshot was committed
 */
public record ProtectedWriter(String jobId, String operatorId, long snapshotId, long checkpointId,
        Instant committedAt) {
}

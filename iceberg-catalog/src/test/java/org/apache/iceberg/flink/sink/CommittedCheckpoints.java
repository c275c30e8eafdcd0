package org.apache.iceberg.flink.sink;

import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;

/** Calls the Iceberg Flink committer's own restore lookup (package-private in Iceberg), so tests use the real walk. */
public final class CommittedCheckpoints {

    private CommittedCheckpoints() {
    }

    /** The last checkpoint of {@code jobId}/{@code operatorId} a restored committer finds in {@code table}; -1: none. */
    public static long maxCommitted(Table table, String jobId, String operatorId) {
        return SinkUtil.getMaxCommittedCheckpointId(table, jobId, operatorId, SnapshotRef.MAIN_BRANCH);
    }
}

package io.github.flinklakehouse.catalog.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * What one maintenance pass did to a table.
 *
 * @param before the table when the pass started
 * @param after the table when it ended
 * @param filesCompacted data files merged (0 when nothing was worth merging or the rewrite was skipped)
 * @param filesWritten data files they became
 * @param manifestsRewritten manifests merged
 * @param snapshotsExpired snapshots removed
 * @param orphansDeleted unreferenced old files deleted
 * @param compactedAt when a compaction was committed, or {@code null}
 * @param expiredAt when expiry ran, or {@code null}
 * @param notes steps skipped and why (a concurrent commit, for example)
 */
public record MaintenanceReport(TableHealth before, TableHealth after, int filesCompacted, int filesWritten,
        int manifestsRewritten, int snapshotsExpired, int orphansDeleted, Instant compactedAt, Instant expiredAt,
        List<String> notes) {

    /** One line for the log and the command line. */
    public String summary() {
        return after.table() + ": data files " + before.dataFiles() + " -> " + after.dataFiles() + " (merged "
                + filesCompacted + " into " + filesWritten + "), average file " + before.averageFileBytes() + " -> "
                + after.averageFileBytes() + " bytes, snapshots " + before.snapshots() + " -> " + after.snapshots()
                + " (expired " + snapshotsExpired + "), manifests merged " + manifestsRewritten
                + ", orphan files deleted " + orphansDeleted + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}

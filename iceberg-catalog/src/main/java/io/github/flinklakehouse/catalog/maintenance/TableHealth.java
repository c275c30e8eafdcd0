package io.github.flinklakehouse.catalog.maintenance;

import java.time.Instant;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;

/**
 * How healthy a table is for readers, from its metadata alone (no file listing): the current snapshot's data files
 * and their average size, how many snapshots and manifests the metadata carries.
 *
 * @param table the table's name
 * @param dataFiles data files of the current snapshot
 * @param dataBytes their total size
 * @param records rows of the current snapshot
 * @param snapshots snapshots in the metadata
 * @param manifests manifests of the current snapshot
 * @param oldestSnapshotAt when the oldest kept snapshot was committed, or {@code null} for an empty table
 */
public record TableHealth(String table, long dataFiles, long dataBytes, long records, int snapshots, int manifests,
        Instant oldestSnapshotAt) {

    /** The health of {@code table} as its metadata says now. */
    public static TableHealth of(Table table) {
        Snapshot current = table.currentSnapshot();
        int snapshots = 0;
        long oldest = Long.MAX_VALUE;
        for (Snapshot snapshot : table.snapshots()) {
            snapshots++;
            oldest = Math.min(oldest, snapshot.timestampMillis());
        }
        if (current == null) {
            return new TableHealth(table.name(), 0, 0, 0, snapshots, 0, null);
        }
        Map<String, String> summary = current.summary();
        return new TableHealth(table.name(), total(summary, SnapshotSummary.TOTAL_DATA_FILES_PROP),
                total(summary, SnapshotSummary.TOTAL_FILE_SIZE_PROP), total(summary, SnapshotSummary.TOTAL_RECORDS_PROP),
                snapshots, current.allManifests(table.io()).size(), Instant.ofEpochMilli(oldest));
    }

    /** Average data file size in bytes; 0 without files. */
    public long averageFileBytes() {
        return dataFiles == 0 ? 0 : dataBytes / dataFiles;
    }

    private static long total(Map<String, String> summary, String key) {
        String value = summary.get(key);
        return value == null ? 0 : Long.parseLong(value);
    }
}

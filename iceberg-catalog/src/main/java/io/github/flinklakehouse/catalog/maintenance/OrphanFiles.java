package io.github.flinklakehouse.catalog.maintenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileInfo;
import org.apache.iceberg.io.SupportsPrefixOperations;

/**
 * Files under a table's location that no snapshot references, such as what a failed commit or an expiry that
 * stopped half-way left behind.
 *
 * <p>Only files older than a safe age count: a writer's data files are unreferenced between being written and the
 * checkpoint that commits them, and a kept savepoint's uncommitted files until it is restored.
 */
public final class OrphanFiles {

    private OrphanFiles() {
    }

    /** Unreferenced files under {@code table}'s location last modified before {@code olderThan}. */
    public static List<FileInfo> find(Table table, Instant olderThan) {
        if (!(table.io() instanceof SupportsPrefixOperations io)) {
            throw new UnsupportedOperationException("Orphan file cleanup needs a FileIO that lists files (S3FileIO, "
                    + "HadoopFileIO); " + table.name() + " uses " + table.io().getClass().getName());
        }
        // List first, then read what is referenced: a file committed in between counts as referenced.
        List<FileInfo> old = new ArrayList<>();
        for (FileInfo file : io.listPrefix(table.location() + "/")) {
            if (file.createdAtMillis() < olderThan.toEpochMilli()) {
                old.add(file);
            }
        }
        table.refresh();
        Set<String> referenced = ReachableFiles.all(table).stream().map(OrphanFiles::normalized)
                .collect(Collectors.toSet());
        List<FileInfo> orphans = new ArrayList<>();
        for (FileInfo file : old) {
            if (!referenced.contains(normalized(file.location()))) {
                orphans.add(file);
            }
        }
        return orphans;
    }

    /** HadoopFileIO lists {@code file:/...} where metadata may say {@code file:///...}; compare the paths. */
    private static String normalized(String location) {
        return location.startsWith("file:") ? location.replaceFirst("^file:/+", "/") : location;
    }
}

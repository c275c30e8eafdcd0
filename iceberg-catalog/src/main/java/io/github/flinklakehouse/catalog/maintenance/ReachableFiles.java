package io.github.flinklakehouse.catalog.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.PartitionStatisticsFile;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** The files snapshots of a table reference: metadata, manifest lists, manifests, data and delete files. */
final class ReachableFiles {

    private ReachableFiles() {
    }

    /** Every file any snapshot of {@code table} (and its metadata log) references. */
    static Set<String> all(Table table) {
        Set<String> files = new HashSet<>(ReachableFileUtil.metadataFileLocations(table, false));
        if (table instanceof HasTableOperations operations) {
            files.add(operations.operations().current().metadataFileLocation());
        }
        files.addAll(ReachableFileUtil.statisticsFilesLocations(table));
        table.partitionStatisticsFiles().stream().map(PartitionStatisticsFile::path).forEach(files::add);
        for (Snapshot snapshot : table.snapshots()) {
            if (snapshot.manifestListLocation() != null) {
                files.add(snapshot.manifestListLocation());
            }
        }
        Map<String, ManifestFile> manifests = manifestsOf(table, table.snapshots());
        files.addAll(manifests.keySet());
        files.addAll(contentFiles(table, manifests.values()).keySet());
        return files;
    }

    /** Data and delete files of {@code snapshots}, with their sizes in bytes. */
    static Map<String, Long> contentFilesOf(Table table, Iterable<Snapshot> snapshots) {
        return contentFiles(table, manifestsOf(table, snapshots).values());
    }

    private static Map<String, ManifestFile> manifestsOf(Table table, Iterable<Snapshot> snapshots) {
        Map<String, ManifestFile> manifests = new HashMap<>();
        for (Snapshot snapshot : snapshots) {
            for (ManifestFile manifest : snapshot.allManifests(table.io())) {
                manifests.putIfAbsent(manifest.path(), manifest);
            }
        }
        return manifests;
    }

    private static Map<String, Long> contentFiles(Table table, Collection<ManifestFile> manifests) {
        Map<String, Long> files = new HashMap<>();
        for (ManifestFile manifest : manifests) {
            try (ManifestReader<? extends ContentFile<?>> reader = manifest.content() == org.apache.iceberg.ManifestContent.DATA
                    ? ManifestFiles.read(manifest, table.io(), table.specs())
                    : ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
                for (ContentFile<?> file : reader) {
                    files.put(file.location(), file.fileSizeInBytes());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read manifest " + manifest.path(), e);
            }
        }
        return files;
    }
}

package io.github.flinklakehouse.catalog.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.actions.BinPackRewriteFilePlanner;
import org.apache.iceberg.actions.FileRewritePlan;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.actions.RewriteDataFilesCommitManager;
import org.apache.iceberg.actions.RewriteFileGroup;
import org.apache.iceberg.actions.SizeBasedFileRewritePlanner;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Merges the small data files of each partition into files of the target size, with Iceberg's own planner
 * ({@link BinPackRewriteFilePlanner}, as the Flink maintenance API's {@code RewriteDataFiles} uses) and commit
 * manager ({@link RewriteDataFilesCommitManager}).
 *
 * <p>The rewrite commit replaces exactly the planned files and validates from the snapshot it planned on, so a
 * streaming writer's appends in the meantime neither conflict with it nor get lost: Iceberg re-applies whichever
 * commit comes second. Rows are copied unchanged (the raw tables are append-only: no delete files).
 */
public final class SmallFileCompaction {

    private SmallFileCompaction() {
    }

    /** The file groups of the current snapshot worth rewriting (at least {@code minInputFiles} per group). */
    public static List<RewriteFileGroup> plan(Table table, MaintenancePolicy policy) {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return List.of();
        }
        BinPackRewriteFilePlanner planner =
                new BinPackRewriteFilePlanner(table, Expressions.alwaysTrue(), current.snapshotId(), false);
        planner.init(Map.of(
                SizeBasedFileRewritePlanner.TARGET_FILE_SIZE_BYTES, Long.toString(policy.targetFileSizeBytes()),
                SizeBasedFileRewritePlanner.MIN_INPUT_FILES, Integer.toString(policy.minInputFiles())));
        FileRewritePlan<RewriteDataFiles.FileGroupInfo, FileScanTask, DataFile, RewriteFileGroup> plan = planner.plan();
        List<RewriteFileGroup> groups = new ArrayList<>();
        try (CloseableIterable<RewriteFileGroup> planned = plan.groups()) {
            planned.forEach(groups::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the compaction of " + table.name(), e);
        }
        return groups;
    }

    /**
     * Rewrites {@code groups} (planned on snapshot {@code plannedOn}) and commits them in one rewrite; on failure
     * the new files are deleted and the table is unchanged.
     */
    public static void rewrite(Table table, long plannedOn, List<RewriteFileGroup> groups) {
        String operationId = "compaction-" + UUID.randomUUID();
        int taskId = 0;
        for (RewriteFileGroup group : groups) {
            group.setOutputFiles(new HashSet<>(write(table, group, operationId, taskId++)));
        }
        new RewriteDataFilesCommitManager(table, plannedOn).commitOrClean(new HashSet<>(groups));
    }

    private static List<DataFile> write(Table table, RewriteFileGroup group, String operationId, int taskId) {
        Schema schema = table.schema();
        PartitionSpec spec = table.specs().get(group.outputSpecId());
        OutputFileFactory files = OutputFileFactory.builderFor(table, 0, taskId)
                .format(FileFormat.PARQUET).operationId(operationId).defaultSpec(spec).build();
        GenericFileWriterFactory writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET).dataSchema(schema).build();
        RollingDataWriter<Record> writer = new RollingDataWriter<>(writers, files, table.io(),
                group.maxOutputFileSize(), spec, group.info().partition());
        try (writer) {
            for (FileScanTask task : group.fileScanTasks()) {
                copyRows(table, schema, task, writer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the compacted files of " + table.name(), e);
        }
        return writer.result().dataFiles();
    }

    private static void copyRows(Table table, Schema schema, FileScanTask task, RollingDataWriter<Record> writer)
            throws IOException {
        if (!task.deletes().isEmpty() || task.file().format() != FileFormat.PARQUET) {
            throw new IllegalStateException("Compaction handles Parquet data files without delete files; "
                    + task.file().location() + " of " + table.name() + " is " + task.file().format() + " with "
                    + task.deletes().size() + " delete files");
        }
        try (CloseableIterable<Record> rows = Parquet.read(table.io().newInputFile(task.file().location()))
                .project(schema)
                .split(task.start(), task.length())
                .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(schema, fileSchema))
                .build()) {
            for (Record row : rows) {
                writer.write(row);
            }
        }
    }
}

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
import org.apache.iceberg.data.GenericDeleteFilter;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
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
 * commit comes second. Rows are copied unchanged; a file with delete files (the upserted curated tables) is copied
 * without its deleted rows.
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
        if (task.file().format() != FileFormat.PARQUET) {
            throw new IllegalStateException("Compaction handles Parquet data files; " + task.file().location()
                    + " of " + table.name() + " is " + task.file().format());
        }
        // A file of an upserted table (the curated tables) may have delete files: its rows are copied without the
        // deleted ones. The rewrite commits at the planned snapshot's sequence number, so those deletes no longer
        // apply to the new file and deletes committed after the plan still do.
        GenericDeleteFilter deletes = task.deletes().isEmpty() ? null
                : new GenericDeleteFilter(table.io(), task, schema, schema);
        Schema read = deletes == null ? schema : deletes.requiredSchema();
        CloseableIterable<Record> rows = Parquet.read(table.io().newInputFile(task.file().location()))
                .project(read)
                .split(task.start(), task.length())
                .createReaderFunc(fileSchema -> GenericParquetReaders.buildReader(read, fileSchema))
                .build();
        try (CloseableIterable<Record> kept = deletes == null ? rows : deletes.filter(rows)) {
            for (Record row : kept) {
                writer.write(deletes == null ? row : columnsOf(schema, row));
            }
        }
    }

    /** {@code row} without the columns the delete filter read besides the table's (such as the row position). */
    private static Record columnsOf(Schema schema, Record row) {
        Record copy = GenericRecord.create(schema);
        for (int i = 0; i < schema.columns().size(); i++) {
            copy.set(i, row.get(i));
        }
        return copy;
    }
}

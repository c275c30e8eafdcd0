package io.github.flinklakehouse.jobs.lake;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.RowDelta;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.TypeUtil;

/**
 * Upserts and deletes rows of an Iceberg v2 table by its identifier fields, outside Flink, committed as one row delta:
 * an upsert writes an equality delete of its key and the row (as the Flink upsert sink does), a delete only the
 * equality delete. Equality deletes apply to data files of earlier commits only, so a row upserted here is not
 * deleted by its own key. Files are partitioned by the key, which must therefore hold every partition source column
 * (as Iceberg requires of an upsert key); one data and one delete file are open at a time, a new one when the
 * partition changes, so changes clustered by partition make one file each and memory stays bounded either way.
 *
 * <p>The commit fails with {@link ValidationException} when another writer committed files matching the conflict
 * filter after this object was created (the table as read then is what the changes were computed from).
 *
 * <p>Within one commit each key is changed once: a second upsert of a key would add a second row, and a delete after
 * an upsert of the same key would not remove it (both are of the same commit). Not thread-safe. {@link #close()}
 * without {@link #commit()} leaves the written files unreferenced (orphans that lake maintenance removes); the table
 * does not change.
 */
public final class IcebergKeyedChanges implements Closeable {

    private final Table table;
    private final Expression conflictFilter;
    private final Long startSnapshotId;
    private final Schema keySchema;
    private final GenericFileWriterFactory writers;
    private final OutputFileFactory files;
    private final InternalRecordWrapper keyWrapper;
    private final PartitionKey partitionKey;
    private final List<DataFile> dataFiles = new ArrayList<>();
    private final List<DeleteFile> deleteFiles = new ArrayList<>();
    private PartitionKey rowsPartition;
    private DataWriter<Record> rows;
    private PartitionKey deletesPartition;
    private EqualityDeleteWriter<Record> deletes;
    private long upserted;
    private long deleted;

    /** Changes of {@code table}, keyed by its identifier fields; any concurrent commit conflicts. */
    public IcebergKeyedChanges(Table table) {
        this(table, Expressions.alwaysTrue());
    }

    /**
     * Changes of {@code table} as it is now (refreshed), keyed by its identifier fields; a concurrent commit of data or
     * delete files that may hold rows matching {@code conflictFilter} fails the commit.
     */
    public IcebergKeyedChanges(Table table, Expression conflictFilter) {
        if (table.schema().identifierFieldIds().isEmpty()) {
            throw new IllegalArgumentException("Table " + table.name() + " has no identifier fields to key changes by");
        }
        table.refresh();
        this.table = table;
        this.conflictFilter = conflictFilter;
        this.startSnapshotId = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
        this.keySchema = TypeUtil.select(table.schema(), table.schema().identifierFieldIds());
        table.spec().fields().forEach(field -> {
            if (keySchema.findField(field.sourceId()) == null) {
                throw new IllegalArgumentException("Table " + table.name() + " is partitioned by "
                        + table.schema().findColumnName(field.sourceId()) + ", which its key "
                        + table.schema().identifierFieldNames() + " lacks");
            }
        });
        this.writers = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(FileFormat.PARQUET)
                .deleteFileFormat(FileFormat.PARQUET)
                .equalityFieldIds(keySchema.columns().stream().mapToInt(c -> c.fieldId()).toArray())
                .equalityDeleteRowSchema(keySchema)
                .build();
        this.files = OutputFileFactory.builderFor(table, 0, System.currentTimeMillis())
                .format(FileFormat.PARQUET)
                .operationId(UUID.randomUUID().toString())
                .build();
        this.keyWrapper = new InternalRecordWrapper(keySchema.asStruct());
        this.partitionKey = new PartitionKey(table.spec(), keySchema);
    }

    /** Replaces the row of {@code row}'s key (or adds it); {@code row} has the table's schema. */
    public void upsert(Record row) {
        Record key = key(row);
        PartitionKey partition = partition(key);
        deleteWriter(partition).write(key);
        dataWriter(partition).write(row);
        upserted++;
    }

    /** Deletes the row of {@code keyed}'s key; {@code keyed} has at least the key's columns (by name). */
    public void delete(Record keyed) {
        Record key = key(keyed);
        deleteWriter(partition(key)).write(key);
        deleted++;
    }

    /** Rows upserted so far. */
    public long upserted() {
        return upserted;
    }

    /** Keys deleted so far (without those of upserts). */
    public long deleted() {
        return deleted;
    }

    /**
     * Closes the files and commits them as one row delta; a no-op when nothing was written.
     *
     * @throws ValidationException when another writer committed conflicting files since this object was created
     */
    public void commit() {
        try {
            closeRows();
            closeDeletes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close the files of " + table.name(), e);
        }
        if (dataFiles.isEmpty() && deleteFiles.isEmpty()) {
            return;
        }
        RowDelta delta = table.newRowDelta()
                .conflictDetectionFilter(conflictFilter)
                .validateNoConflictingDataFiles()
                .validateNoConflictingDeleteFiles();
        if (startSnapshotId != null) {
            delta.validateFromSnapshot(startSnapshotId);
        }
        dataFiles.forEach(delta::addRows);
        deleteFiles.forEach(delta::addDeletes);
        delta.commit();
        dataFiles.clear();
        deleteFiles.clear();
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Closeable writer : new Closeable[] {rows, deletes}) {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        rows = null;
        deletes = null;
        if (failure != null) {
            throw failure;
        }
    }

    private Record key(Record row) {
        Record key = GenericRecord.create(keySchema);
        for (int i = 0; i < keySchema.columns().size(); i++) {
            String name = keySchema.columns().get(i).name();
            Object value = row.getField(name);
            if (value == null) {
                throw new IllegalArgumentException("A change of " + table.name() + " without its key column " + name
                        + ": " + row);
            }
            key.set(i, value);
        }
        return key;
    }

    private PartitionKey partition(Record key) {
        partitionKey.partition(keyWrapper.wrap(key));
        return partitionKey;
    }

    private DataWriter<Record> dataWriter(PartitionKey partition) {
        if (rows == null || !partition.equals(rowsPartition)) {
            closeRowsUnchecked();
            rowsPartition = partition.copy();
            rows = writers.newDataWriter(newFile(rowsPartition), table.spec(), rowsPartition);
        }
        return rows;
    }

    private EqualityDeleteWriter<Record> deleteWriter(PartitionKey partition) {
        if (deletes == null || !partition.equals(deletesPartition)) {
            closeDeletesUnchecked();
            deletesPartition = partition.copy();
            deletes = writers.newEqualityDeleteWriter(newFile(deletesPartition), table.spec(), deletesPartition);
        }
        return deletes;
    }

    private void closeRows() throws IOException {
        if (rows != null) {
            rows.close();
            dataFiles.add(rows.toDataFile());
            rows = null;
        }
    }

    private void closeDeletes() throws IOException {
        if (deletes != null) {
            deletes.close();
            deleteFiles.addAll(deletes.result().deleteFiles());
            deletes = null;
        }
    }

    private void closeRowsUnchecked() {
        try {
            closeRows();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close a data file of " + table.name(), e);
        }
    }

    private void closeDeletesUnchecked() {
        try {
            closeDeletes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not close a delete file of " + table.name(), e);
        }
    }

    /**
     * A new file of {@code partition}. An unpartitioned table's files take the plain name: its partition path is
     * empty, and {@code newOutputFile(spec, partition)} would put them under {@code data//}, a key S3Proxy refuses.
     */
    private EncryptedOutputFile newFile(PartitionKey partition) {
        return table.spec().isUnpartitioned() ? files.newOutputFile() : files.newOutputFile(table.spec(), partition);
    }
}

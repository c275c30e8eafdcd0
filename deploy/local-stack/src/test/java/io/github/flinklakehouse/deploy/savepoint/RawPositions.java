package io.github.flinklakehouse.deploy.savepoint;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetReaders;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.parquet.ParquetValueReader;
import org.apache.iceberg.shaded.org.apache.parquet.schema.MessageType;

/**
 * Reads one string column of an append-only Iceberg table straight from its Parquet data files.
 *
 * <p>Not {@code IcebergGenerics}: iceberg-flink-runtime's generic reader registers Flink's file formats on first
 * use and needs Flink's table classes on the test classpath; plain Parquet reading needs nothing but Iceberg.
 */
final class RawPositions {

    private RawPositions() {
    }

    /** Every value of {@code column} in the table's current snapshot (the table must have no delete files). */
    static List<String> read(Table table, String column) throws IOException {
        Schema projection = table.schema().select(column);
        BiFunction<Schema, MessageType, ParquetValueReader<?>> reader = GenericParquetReaders::buildReader;
        List<String> values = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = table.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                if (task.file().format() != FileFormat.PARQUET || !task.deletes().isEmpty()) {
                    throw new IllegalStateException("Only plain Parquet appends are expected, got " + task.file().location());
                }
                try (CloseableIterable<Record> records = Parquet.read(table.io().newInputFile(task.file().location()))
                        .project(projection).createReaderFunc(reader).build()) {
                    records.forEach(record -> values.add((String) record.getField(column)));
                }
            }
        }
        return values;
    }
}

package io.github.flinklakehouse.deploy.sql;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.parquet.Parquet;

/** Appends rows to an Iceberg table with Iceberg's own Java API: one Parquet file, one commit, one snapshot. */
final class IcebergAppender {

    private IcebergAppender() {
    }

    /** Appends {@code records}, which must all fall into one partition, and returns the new snapshot's id. */
    static long append(Table table, List<Record> records) throws IOException {
        InternalRecordWrapper wrapper = new InternalRecordWrapper(table.schema().asStruct());
        PartitionKey partition = new PartitionKey(table.spec(), table.schema());
        partition.partition(wrapper.wrap(records.get(0)));
        PartitionKey other = partition.copy();
        for (Record record : records) {
            other.partition(wrapper.wrap(record));
            if (!other.equals(partition)) {
                throw new IllegalArgumentException("Rows of more than one partition: " + partition + " and " + other);
            }
        }
        OutputFile file = table.io().newOutputFile(
                table.locationProvider().newDataLocation(table.spec(), partition, UUID.randomUUID() + ".parquet"));
        DataWriter<Record> writer = Parquet.writeData(file)
                .schema(table.schema())
                .createWriterFunc(GenericParquetWriter::create)
                .withSpec(table.spec())
                .withPartition(partition)
                .overwrite()
                .build();
        try (writer) {
            records.forEach(writer::write);
        }
        table.newAppend().appendFile(writer.toDataFile()).commit();
        table.refresh();
        return table.currentSnapshot().snapshotId();
    }
}

package io.github.flinklakehouse.catalog.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.flink.sink.CommittedCheckpoints;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A maintenance pass on a real Iceberg table (Hadoop catalog in a temporary folder, Parquet files) committed the way
 * the Flink sink commits: rows unchanged, small files merged, a stopped writer's restore still finds its last
 * checkpoint through Iceberg's own lookup, and only old unreferenced files deleted.
 */
class LakeTableMaintenanceTest {

    private static final String OPERATOR = "operator-1";
    private static final String STOPPED_JOB = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String RUNNING_JOB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    @TempDir
    Path warehouse;

    private HadoopCatalog catalog;
    private Table table;
    private int rows;

    @BeforeEach
    void createTable() {
        catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
        LakeTables.ensureRawTables(catalog);
        table = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
    }

    @AfterEach
    void closeCatalog() throws Exception {
        catalog.close();
    }

    @Test
    void mergesSmallFilesExpiresSnapshotsAndKeepsWhatAStoppedWritersRestoreNeeds() throws IOException {
        for (int checkpoint = 1; checkpoint <= 6; checkpoint++) {
            commit(STOPPED_JOB, checkpoint, 2);
        }
        for (int checkpoint = 1; checkpoint <= 6; checkpoint++) {
            commit(RUNNING_JOB, checkpoint, 2);
        }
        List<String> before = content();
        assertThat(TableHealth.of(table).dataFiles()).isEqualTo(24);
        // Keep only the last snapshot by age and count: the stopped writer's commit is what protects the history.
        MaintenancePolicy policy = policy(Duration.ofDays(1));

        MaintenancePlan plan = LakeTableMaintenance.plan(table, policy, Instant.now());
        assertThat(plan.filesToCompact()).isEqualTo(24);
        assertThat(plan.retention().protectedWriters()).extracting(ProtectedWriter::jobId)
                .containsExactly(STOPPED_JOB, RUNNING_JOB);
        assertThat(TableHealth.of(table).dataFiles()).as("a dry run changes nothing").isEqualTo(24);

        MaintenanceReport report = LakeTableMaintenance.run(table, policy, Instant.now());

        assertThat(content()).as("rows and their content").containsExactlyElementsOf(before);
        assertThat(report.after().dataFiles()).as("one day partition, far below the target size").isEqualTo(1);
        assertThat(report.filesCompacted()).isEqualTo(24);
        assertThat(CommittedCheckpoints.maxCommitted(table, STOPPED_JOB, OPERATOR))
                .as("checkpoint the stopped writer's restored committer finds").isEqualTo(6);
        assertThat(CommittedCheckpoints.maxCommitted(table, RUNNING_JOB, OPERATOR)).isEqualTo(6);
        assertThat(report.after().snapshots())
                .as("the stopped writer's last commit, the running writer's six, compaction, manifest rewrite")
                .isEqualTo(1 + 6 + 1 + 1);
        assertThat(report.manifestsRewritten()).isEqualTo(13);
    }

    @Test
    void aWriterOlderThanTheSavepointRetentionIsNoLongerProtected() throws IOException {
        for (int checkpoint = 1; checkpoint <= 3; checkpoint++) {
            commit(STOPPED_JOB, checkpoint, 1);
        }
        commit(RUNNING_JOB, 1, 1);
        Instant inTwoDays = Instant.now().plus(Duration.ofDays(2));

        LakeTableMaintenance.run(table, policy(Duration.ofDays(1)), inTwoDays);

        assertThat(CommittedCheckpoints.maxCommitted(table, STOPPED_JOB, OPERATOR))
                .as("what the protection prevents: the lookup no longer reaches the writer's commit").isEqualTo(-1);
        assertThat(table.snapshots()).hasSize(1);
    }

    @Test
    void deletesOnlyUnreferencedFilesOlderThanTheSafeAge() throws IOException {
        commit(RUNNING_JOB, 1, 1);
        Path data = Path.of(table.location().replaceFirst("^file:", "")).resolve("data");
        Path oldOrphan = Files.writeString(data.resolve("old-orphan.parquet"), "left by a failed commit");
        Files.setLastModifiedTime(oldOrphan, FileTime.from(Instant.now().minus(Duration.ofDays(4))));
        Path youngOrphan = Files.writeString(data.resolve("young.parquet"), "written, commit pending");

        // A table whose location merely starts with this one's is another table: its files are not orphans here.
        Path sibling = Files.createDirectories(Path.of(table.location().replaceFirst("^file:", "") + "_copy"));
        Path siblingFile = Files.writeString(sibling.resolve("other-table.parquet"), "another table's file");
        Files.setLastModifiedTime(siblingFile, FileTime.from(Instant.now().minus(Duration.ofDays(4))));

        MaintenancePlan plan = LakeTableMaintenance.plan(table, policy(Duration.ofDays(1)), Instant.now());
        assertThat(plan.orphans()).hasSize(1);
        assertThat(plan.orphans().get(0).location()).endsWith("old-orphan.parquet");

        MaintenanceReport report = LakeTableMaintenance.run(table, policy(Duration.ofDays(1)), Instant.now());

        assertThat(report.orphansDeleted()).isEqualTo(1);
        assertThat(oldOrphan).doesNotExist();
        assertThat(youngOrphan).exists();
        assertThat(siblingFile).exists();
        assertThat(content()).hasSize(1);
    }

    private static MaintenancePolicy policy(Duration savepointRetention) {
        return new MaintenancePolicy(128L << 20, 5, Duration.ZERO, 1, savepointRetention, Set.of(),
                Duration.ofDays(3));
    }

    /** One Flink checkpoint's commit: {@code files} one-row files, with the summary the Iceberg sink writes. */
    private void commit(String jobId, long checkpoint, int files) throws IOException {
        AppendFiles append = table.newAppend();
        for (int i = 0; i < files; i++) {
            append.appendFile(write(rows++));
        }
        append.set("flink.job-id", jobId).set("flink.operator-id", OPERATOR)
                .set("flink.max-committed-checkpoint-id", Long.toString(checkpoint)).commit();
    }

    private org.apache.iceberg.DataFile write(int n) throws IOException {
        Schema schema = table.schema();
        Record row = GenericRecord.create(schema);
        row.setField("event_time", OffsetDateTime.parse("2019-10-01T00:00:00Z").plusSeconds(n));
        row.setField("event_type", "view");
        row.setField("product_id", (long) n);
        row.setField("category_id", 2L);
        row.setField("price", new BigDecimal("1.25"));
        row.setField("user_id", 3L);
        row.setField("user_session", "s" + n);
        row.setField("source", "kafka");
        row.setField("source_position", "t/0/" + n);
        row.setField("ingested_at", OffsetDateTime.parse("2019-10-01T00:00:01Z"));
        PartitionKey partition = new PartitionKey(table.spec(), schema);
        partition.partition(new InternalRecordWrapper(schema.asStruct()).wrap(row));
        String location = table.locationProvider().newDataLocation(table.spec(), partition, UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer = new GenericAppenderFactory(schema, table.spec()).newDataWriter(
                EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(location)), FileFormat.PARQUET, partition);
        try (writer) {
            writer.write(row);
        }
        return writer.toDataFile();
    }

    private List<String> content() throws IOException {
        table.refresh();
        List<String> content = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(record -> content.add(record.toString()));
        }
        content.sort(null);
        return content;
    }
}

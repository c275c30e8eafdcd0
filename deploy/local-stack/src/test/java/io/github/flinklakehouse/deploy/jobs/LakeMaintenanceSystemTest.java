package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositionCounts;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitFreeSlots;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitTrue;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.cancelIfRunning;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.catalog.maintenance.MaintenanceReport;
import io.github.flinklakehouse.catalog.maintenance.TableHealth;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LakehouseCommand;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import io.github.flinklakehouse.jobs.lake.LakeHealthRow;
import io.github.flinklakehouse.jobs.lake.LakeMaintenance;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lake maintenance beside a live writer on the real stack. The clickstream job commits every second until
 * {@code raw.clickstream_events} has many small files; maintenance runs while it keeps committing; the job stops with
 * a savepoint; maintenance runs again with the most aggressive expiry (no age, one snapshot kept); then a new job
 * restores the savepoint. Asserted: rows and their content unchanged, data files down to one per partition, no
 * writer commit failed, and every event in the table exactly once after the restore, which needs the stopped job's
 * last commit that expiry would otherwise have removed.
 */
@ExtendWith(LocalStackExtension.class)
class LakeMaintenanceSystemTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final int BATCH = 300;
    private static final int FIRST_BATCHES = 6;
    /** At most this many batches while maintenance runs: the writer commits until the passes are done. */
    private static final int CONCURRENT_BATCHES = 10;
    private static final int RESTORED_BATCHES = 1;
    /** Expire everything that no Flink writer's restore needs. */
    private static final Map<String, String> AGGRESSIVE = Map.of("maintenance.min-input-files", "2",
            "maintenance.snapshot-retention", "0 s", "maintenance.snapshots-kept", "1");

    @Test
    void maintenanceBesideALiveWriterKeepsRowsMergesFilesAndASavepointRestoresExactlyOnce(LocalStack localStack,
            @TempDir Path dir) throws Exception {
        StackEndpoints stack = localStack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "clickstream-maintenance-" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        List<ClickEvent> events = ClickEventGenerator.stream(new GeneratorConfig(11L, Instant.parse("2019-10-01T00:00:00Z"),
                (FIRST_BATCHES + CONCURRENT_BATCHES + RESTORED_BATCHES) * BATCH, Duration.ofMillis(900), 500, 300))
                .toList();
        Path config = StackJobConfigFile.write(dir.resolve("clickstream.properties"), stack, Map.of(
                "clickstream.kafka.topic", topic, "clickstream.kafka.group-id", "maintenance-" + runId,
                "marts.schema", "marts_maintenance_" + runId, "pipeline.checkpoint-interval", "1 s"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        JobSubmission submission = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()));
        try (JdbcCatalog catalog = catalog(stack)) {
            // Rows other tests left in the shared table; no other job writes to it while this test runs.
            long rowsBefore = committedRows(catalog);
            awaitFreeSlots(rest, 2, TIMEOUT);
            String writer = submission.submit("clickstream", config, null, TIMEOUT);
            String restored = null;
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                    KafkaEventPublisher.UNLIMITED);
                    StackLakeMaintenance lake = StackLakeMaintenance.open(stack, AGGRESSIVE)) {
                // 1. One batch per commit or more: many small files.
                int published = publishInBatches(publisher, catalog, rowsBefore, events, 0, FIRST_BATCHES);
                Table table = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
                table.refresh();
                assertThat(TableHealth.of(table).dataFiles()).as("small files before maintenance")
                        .isGreaterThanOrEqualTo(FIRST_BATCHES);

                // 2. Maintenance while the writer keeps committing, until a writer commit landed inside a pass.
                int first = published;
                // Checkpoints triggered while the job's tasks were still being deployed count as failed; count from here.
                long failedBefore = rest.checkpointStats(writer).failed();
                AtomicBoolean maintained = new AtomicBoolean();
                CompletableFuture<Integer> concurrent = CompletableFuture.supplyAsync(() -> publishInBatches(publisher,
                        catalog, rowsBefore, events, first, CONCURRENT_BATCHES, maintained));
                int filesCompacted = 0;
                boolean overlapped = false;
                try {
                    for (int pass = 0; pass < 5 && !overlapped; pass++) {
                        Instant start = Instant.now();
                        MaintenanceReport report = clickstreamReport(lake.maintenance().run(Instant.now()));
                        filesCompacted += report.filesCompacted();
                        overlapped = !writerCommitsBetween(catalog, writer, start, Instant.now()).isEmpty();
                    }
                } finally {
                    // Also when a pass failed: the background publisher stops (after its current batch) before the
                    // publisher and the catalog it uses are closed.
                    maintained.set(true);
                    concurrent.handle((count, failure) -> count).join();
                }
                published = concurrent.get();
                assertThat(overlapped).as("a writer commit landed while maintenance ran").isTrue();
                assertThat(filesCompacted).as("small files merged beside the writer").isGreaterThanOrEqualTo(FIRST_BATCHES);
                assertThat(rest.checkpointStats(writer).failed()).as("failed checkpoints (commits) of the writer")
                        .isEqualTo(failedBefore);
                assertThat(rest.exceptionHistory(writer)).as("writer failures and restarts").isEmpty();
                assertThat(rest.jobState(writer)).isEqualTo("RUNNING");
                assertThat(rawPositionCounts(catalog, topic)).as("every event once after maintenance beside the writer")
                        .isEqualTo(Map.of("rows", (long) published, "distinct", (long) published));

                // 3. Savepoint, then the most aggressive maintenance while no writer runs.
                String savepoint = rest.stopWithSavepoint(writer, "s3://" + stack.s3Bucket() + "/savepoints", TIMEOUT);
                String stoppedWriter = writer;
                writer = null;
                TableContent.of(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS)); // warm up, so both reads are timed warm
                long readStart = System.nanoTime();
                TableContent before = TableContent.of(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS));
                Duration readBefore = Duration.ofNanos(System.nanoTime() - readStart);
                LakehouseCommand.Run dryRun = LakehouseCommand.runWithoutTimeout(localStack, "maintain", "--dry-run", "--",
                        "--maintenance.min-input-files", "2", "--maintenance.snapshot-retention", "0 s",
                        "--maintenance.snapshots-kept", "1");
                assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
                assertThat(dryRun.out()).as("lakehouse maintain --dry-run").contains("Dry run: nothing is changed.")
                        .contains("lakehouse.raw.clickstream_events: ").contains("compaction: would rewrite")
                        .contains("keeps the last commit of Flink job " + lastFlinkJobId(catalog));
                assertThat(TableContent.of(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS))).as("after the dry run")
                        .isEqualTo(before);
                // Other tests' writers committed to the shared table within the default savepoint retention, and their
                // last commits would be kept with everything after them: protect only this test's savepoint, by job id.
                Map<String, String> protectingTheSavepoint = new HashMap<>(AGGRESSIVE);
                protectingTheSavepoint.put("maintenance.savepoint-retention", "0 s");
                protectingTheSavepoint.put("maintenance.protected-jobs", stoppedWriter);
                MaintenanceReport report;
                try (StackLakeMaintenance protecting = StackLakeMaintenance.open(stack, protectingTheSavepoint)) {
                    report = clickstreamReport(protecting.maintenance().run(Instant.now()));
                }
                readStart = System.nanoTime();
                TableContent after = TableContent.of(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS));
                // A figure for the note, not an assertion: a full read of the table before and after.
                System.out.printf("Full read of %s: %d rows, %d data files in %d ms before maintenance, %d files in %d ms "
                        + "after%n", RawTables.CLICKSTREAM_EVENTS, after.rows(), report.before().dataFiles(),
                        readBefore.toMillis(), report.after().dataFiles(), Duration.ofNanos(System.nanoTime() - readStart)
                                .toMillis());
                assertThat(after.rows()).as("rows after maintenance").isEqualTo(before.rows());
                assertThat(after.checksum()).as("content checksum after maintenance").isEqualTo(before.checksum());
                assertThat(report.after().dataFiles()).as("data files: one per day partition")
                        .isEqualTo(after.partitions());
                assertThat(report.after().snapshots()).as("snapshots kept: the stopped writer's last commit and later")
                        .isLessThan(report.before().snapshots());
                LakeHealthRow health = LakeMaintenance.recorded(lake.config().marts())
                        .get(RawTables.CLICKSTREAM_EVENTS.toString());
                assertThat(health.dataFiles()).as("marts.lake_health").isEqualTo(after.partitions());
                assertThat(health.lastExpiryAt()).isNotNull();
                assertThat(health.lastCompactionAt()).isNotNull();
                assertThat(LakehouseCommand.runWithoutTimeout(localStack, "status").out()).as("lakehouse status")
                        .containsPattern("raw\\.clickstream_events\\s+" + after.partitions() + "\\s");

                // 4. The savepoint taken before maintenance restores and continues exactly once.
                awaitFreeSlots(rest, 2, TIMEOUT);
                restored = submission.submit("clickstream", config, savepoint, TIMEOUT);
                assertThat(rest.checkpointStats(restored).restoredFromSavepoint()).isTrue();
                int total = publishInBatches(publisher, catalog, rowsBefore, events, published, RESTORED_BATCHES);
                assertThat(awaitEqual(() -> rawPositionCounts(catalog, topic),
                        Map.of("rows", (long) total, "distinct", (long) total), TIMEOUT))
                        .as("rows of the topic after the restore: every event exactly once")
                        .isEqualTo(Map.of("rows", (long) total, "distinct", (long) total));
                assertThat(rest.jobState(restored)).isEqualTo("RUNNING");
            } finally {
                if (writer != null) {
                    cancelIfRunning(rest, writer, TIMEOUT);
                }
                if (restored != null) {
                    cancelIfRunning(rest, restored, TIMEOUT);
                }
            }
        }
    }

    /**
     * Publishes {@code batches} batches from {@code from}, each awaited in the lake (one commit or more per batch);
     * returns the events published.
     */
    private static int publishInBatches(KafkaEventPublisher publisher, Catalog catalog, long rowsBefore,
            List<ClickEvent> events, int from, int batches) {
        return publishInBatches(publisher, catalog, rowsBefore, events, from, batches, new AtomicBoolean());
    }

    /** As above, stopping early once {@code stop} is set. */
    private static int publishInBatches(KafkaEventPublisher publisher, Catalog catalog, long rowsBefore,
            List<ClickEvent> events, int from, int batches, AtomicBoolean stop) {
        int published = from;
        try {
            for (int batch = 0; batch < batches && !stop.get(); batch++) {
                publisher.publish(events.subList(published, published + BATCH).iterator());
                publisher.flush();
                published += BATCH;
                long expected = rowsBefore + published;
                awaitTrue(() -> committedRows(catalog) >= expected, "batch " + batch + " committed", TIMEOUT);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Publishing batches failed", e);
        }
        return published;
    }

    /** Rows of the table's current snapshot, from its summary (no scan). */
    private static long committedRows(Catalog catalog) {
        if (!catalog.tableExists(RawTables.CLICKSTREAM_EVENTS)) {
            return 0; // the job creates it
        }
        Snapshot current = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).currentSnapshot();
        return current == null ? 0 : Long.parseLong(current.summary().getOrDefault("total-records", "0"));
    }

    private static MaintenanceReport clickstreamReport(List<MaintenanceReport> reports) {
        return reports.stream().filter(r -> r.after().table().endsWith(RawTables.CLICKSTREAM_EVENTS.toString()))
                .findFirst().orElseThrow();
    }

    private static List<Snapshot> writerCommitsBetween(Catalog catalog, String jobId, Instant from, Instant until) {
        Table table = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
        List<Snapshot> commits = new ArrayList<>();
        for (Snapshot snapshot : table.snapshots()) {
            if (jobId.equals(snapshot.summary().get("flink.job-id"))
                    && snapshot.timestampMillis() >= from.toEpochMilli()
                    && snapshot.timestampMillis() <= until.toEpochMilli()) {
                commits.add(snapshot);
            }
        }
        return commits;
    }

    /** The job id of the table's latest Flink commit: the stopped writer's. */
    private static String lastFlinkJobId(Catalog catalog) {
        Table table = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
        for (Snapshot snapshot = table.currentSnapshot(); snapshot != null;
                snapshot = snapshot.parentId() == null ? null : table.snapshot(snapshot.parentId())) {
            String jobId = snapshot.summary().get("flink.job-id");
            if (jobId != null) {
                return jobId;
            }
        }
        throw new AssertionError("no Flink commit in " + RawTables.CLICKSTREAM_EVENTS);
    }

    /** Every row of a table: count, a checksum of their sorted content, and the day partitions they fill. */
    private record TableContent(long rows, String checksum, long partitions) {
        static TableContent of(Table table) throws Exception {
            List<String> lines = new ArrayList<>();
            Set<Object> days = new HashSet<>();
            try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
                for (Record record : records) {
                    lines.add(record.toString());
                    days.add(((OffsetDateTime) record.getField("event_time")).atZoneSameInstant(ZoneOffset.UTC).toLocalDate());
                }
            }
            lines.sort(null);
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            lines.forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
            return new TableContent(lines.size(), HexFormat.of().formatHex(digest.digest()), days.size());
        }
    }
}

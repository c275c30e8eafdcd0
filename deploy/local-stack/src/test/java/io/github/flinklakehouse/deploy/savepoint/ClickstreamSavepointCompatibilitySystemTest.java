package io.github.flinklakehouse.deploy.savepoint;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.Directories;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.ClickstreamChecks;
import io.github.flinklakehouse.deploy.testing.FlinkJobs;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards savepoint compatibility of the clickstream job: the committed savepoint of the released version
 * ({@code src/test/resources/savepoints/clickstream/}) must map onto the job the current jar builds, operator by
 * operator, with no state dropped (fast, no job runs). Changing or removing a stateful operator's uid fails this test;
 * {@link ClickstreamSavepointRestoreSystemTest} restores the same savepoint for real. See deploy/README.md
 * ("Savepoint redeploy") for refreshing the fixture after a deliberate change.
 */
@ExtendWith(LocalStackExtension.class)
class ClickstreamSavepointCompatibilitySystemTest {
    static final Path COMMITTED_METADATA = ClickstreamSavepointFixture.DIRECTORY.resolve("_metadata");
    /** The savepoint of release 0.1, kept to guard the upgrade across the mart engine's state change. */
    static final Path V1_METADATA = ClickstreamSavepointFixture.DIRECTORY.resolveSibling("clickstream-v1")
            .resolve("_metadata");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void theCommittedSavepointMapsOntoTheCurrentJob(StackEndpoints stack, @TempDir Path dir) throws Exception {
        ProbeReport report = probe(stack, dir, COMMITTED_METADATA);

        assertThat(report.saved().stream().filter(SavedOperator::stateful).map(SavedOperator::uid))
                .as("stateful operators recorded in the committed savepoint")
                .contains("clickstream.source.v1", "clickstream.dedupe.v1", "clickstream.marts.by-session.v2",
                        "clickstream.marts.traffic-hourly.v2",
                        "Sink Committer: clickstream.raw-events-sink.v1", "Sink Committer: clickstream.rejected-sink.v1");
        OperatorMapping mapping = OperatorMapping.of(report);
        assertThat(mapping.unmapped()).as("savepoint state the current job has no operator for").isEmpty();
    }

    /**
     * The savepoint of release 0.1 (before the mart engine, {@code savepoints/clickstream-v1}): its source, dedupe
     * and sink committers map onto the current job, its per-mart state (uids {@code .v1}) does not. A redeploy
     * refuses it, pointing at the upgrade runbook, unless that state is dropped on purpose; no committer is ever
     * dropped, so the lake stays exactly-once across the upgrade.
     */
    @Test
    void theReleasedV1SavepointIsRefusedUnlessItsMartStateIsDroppedOnPurpose(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        OperatorMapping mapping = OperatorMapping.of(probe(stack, dir, V1_METADATA));

        assertThat(mapping.unmapped()).as("v1 state the current job has no operator for").isNotEmpty()
                .extracting(SavedOperator::uid)
                .contains("clickstream.traffic-hourly.v1", "clickstream.sessions.v1")
                .allSatisfy(uid -> assertThat(uid).endsWith(".v1").doesNotContain("source", "dedupe", "sink"));
        assertThat(mapping.unmappedCommitters()).as("committers the current job lacks").isEmpty();
        assertThatThrownBy(() -> mapping.requireRestorable(false))
                .isInstanceOf(IncompatibleSavepointException.class)
                .hasMessageContaining("uid clickstream.traffic-hourly.v1")
                .hasMessageContaining("Upgrading across a state change")
                .hasMessageContaining("--allow-non-restored-state");
        mapping.requireRestorable(true);
    }

    private static ProbeReport probe(StackEndpoints stack, Path dir, Path metadata) throws Exception {
        Path config = StackJobConfigFile.write(dir.resolve("job.properties"), stack,
                Map.of("marts.schema", "marts_compat_" + UUID.randomUUID().toString().substring(0, 8)));
        return new SavepointProbeRunner(LocalStackExtension.repoHome(), TIMEOUT).probe(metadata,
                JobJar.locate(LocalStackExtension.repoHome()), JobJar.ENTRY_CLASS, 2,
                List.of("--job", "clickstream", "--config", config.toString()));
    }

    /**
     * Takes a new committed savepoint of the current version into src/test/resources (see
     * {@link ClickstreamSavepointFixture} for why each step is needed); runs only with {@code -Dsavepoint.refresh=true},
     * after a deliberate state change (see deploy/README.md). {@link ClickstreamSavepointRestoreSystemTest} then proves
     * the new fixture restores; run it in a JVM of its own (it needs the fixture topic fresh).
     */
    @Test
    @EnabledIfSystemProperty(named = "savepoint.refresh", matches = "true")
    void refreshTheCommittedSavepoint(StackEndpoints stack, @TempDir Path dir) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String martsSchema = "marts_fixture_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), ClickstreamSavepointFixture.TOPIC,
                ClickstreamSavepointFixture.PARTITIONS);
        List<ClickEvent> saved = ClickstreamSavepointFixture.events().subList(0, ClickstreamSavepointFixture.SAVED_EVENTS);
        List<String> positions = ClickstreamSavepointFixture.publish(stack.kafkaBootstrapServers(), saved);
        Map<Integer, Long> endOffsets = ClickstreamSavepointFixture.endOffsets(positions);

        Path config = StackJobConfigFile.write(dir.resolve("job.properties"), stack, Map.of(
                "clickstream.kafka.topic", ClickstreamSavepointFixture.TOPIC, "clickstream.kafka.group-id", "savepoint-fixture-" + runId,
                "marts.schema", martsSchema, "pipeline.checkpoint-interval", "2 s"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        FlinkJobs.awaitFreeSlots(rest, 2, TIMEOUT);
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, TIMEOUT);
        String savepoint;
        Map<TableIdentifier, Long> snapshotsBeforeSavepoint;
        try (JdbcCatalog catalog = ClickstreamChecks.catalog(stack)) {
            try {
                // Every event committed to the lake by a completed checkpoint, and the hourly state holding them all.
                List<String> expectedRaw = new ArrayList<>(positions);
                expectedRaw.sort(null);
                assertThat(awaitEqual(() -> rawPositions(catalog, ClickstreamSavepointFixture.TOPIC), expectedRaw, TIMEOUT))
                        .as("fixture events committed to raw.clickstream_events").isEqualTo(expectedRaw);
                List<String> expectedHours = expectedTrafficHourly(saved);
                assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, TIMEOUT))
                        .as("traffic_hourly of the fixture events").isEqualTo(expectedHours);
                assertThat(rejectedPositions(catalog, ClickstreamSavepointFixture.TOPIC)).as("fixture dead letters").isEmpty();
                // Two more checkpoints with no input: every sink has committed everything, nothing is pending.
                long completed = rest.checkpointStats(jobId).completed();
                FlinkJobs.awaitTrue(() -> rest.checkpointStats(jobId).completed() >= completed + 2,
                        "two more completed checkpoints", TIMEOUT);
                snapshotsBeforeSavepoint = currentSnapshots(catalog);
                savepoint = rest.stopWithSavepoint(jobId, null, TIMEOUT);
            } finally {
                FlinkJobs.cancelIfRunning(rest, jobId, TIMEOUT);
            }
            assertThat(filesCommittedSince(catalog, snapshotsBeforeSavepoint, jobId))
                    .as("data files committed by the savepoint's own checkpoint: its committer state would name files of "
                            + "this stack, and the fixture would not restore elsewhere").isEmpty();

            Path downloaded = dir.resolve("savepoint");
            List<String> files = SavepointFolder.download(stack, savepoint, downloaded);
            assertThat(files).as("files of savepoint " + savepoint).contains("_metadata");
            if (Files.exists(ClickstreamSavepointFixture.DIRECTORY)) {
                Directories.deleteRecursively(ClickstreamSavepointFixture.DIRECTORY);
            }
            Files.createDirectories(ClickstreamSavepointFixture.DIRECTORY);
            for (String file : files) {
                Path target = ClickstreamSavepointFixture.DIRECTORY.resolve(file);
                Files.createDirectories(target.getParent());
                Files.copy(downloaded.resolve(file), target);
            }
            ClickstreamSavepointFixture.writeOffsets(endOffsets);
        }
    }

    /** The current snapshot id of every Iceberg table (-1 for a table without snapshots). */
    private static Map<TableIdentifier, Long> currentSnapshots(Catalog catalog) {
        Map<TableIdentifier, Long> snapshots = new HashMap<>();
        for (Namespace namespace : ((SupportsNamespaces) catalog).listNamespaces()) {
            for (TableIdentifier table : catalog.listTables(namespace)) {
                Snapshot current = catalog.loadTable(table).currentSnapshot();
                snapshots.put(table, current == null ? -1L : current.snapshotId());
            }
        }
        return snapshots;
    }

    /** Snapshots committed by {@code jobId} after {@code before} that added data files, as readable lines. */
    private static List<String> filesCommittedSince(Catalog catalog, Map<TableIdentifier, Long> before, String jobId) {
        List<String> commits = new ArrayList<>();
        for (Map.Entry<TableIdentifier, Long> table : before.entrySet()) {
            boolean after = table.getValue() == -1L;
            for (Snapshot snapshot : catalog.loadTable(table.getKey()).snapshots()) {
                Map<String, String> summary = snapshot.summary();
                if (after && jobId.equals(summary.get("flink.job-id"))
                        && Long.parseLong(summary.getOrDefault("added-data-files", "0")) > 0) {
                    commits.add(table.getKey() + " snapshot " + snapshot.snapshotId() + " " + summary);
                }
                after |= snapshot.snapshotId() == table.getValue();
            }
        }
        return commits;
    }
}

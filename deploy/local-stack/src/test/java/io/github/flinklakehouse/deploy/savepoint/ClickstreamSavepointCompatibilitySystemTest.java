package io.github.flinklakehouse.deploy.savepoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.jobs.ClickstreamJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards savepoint compatibility of the clickstream job: the committed savepoint metadata of the released
 * version ({@code src/test/resources/savepoints/clickstream/_metadata}) must map onto the job the current jar
 * builds, operator by operator, with no state dropped. Changing or removing a stateful operator's uid fails
 * this test; see deploy/README.md ("Savepoint redeploy") for refreshing the file after a deliberate change.
 */
@ExtendWith(LocalStackExtension.class)
class ClickstreamSavepointCompatibilitySystemTest {
    static final Path COMMITTED_METADATA = LocalStackExtension.repoHome()
            .resolve("deploy/local-stack/src/test/resources/savepoints/clickstream/_metadata");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void theCommittedSavepointMapsOntoTheCurrentJob(StackEndpoints stack, @TempDir Path dir) throws Exception {
        Path config = ClickstreamJobConfigFile.write(dir.resolve("job.properties"), stack,
                Map.of("marts.schema", "marts_compat_" + UUID.randomUUID().toString().substring(0, 8)));

        ProbeReport report = new SavepointProbeRunner(LocalStackExtension.repoHome(), TIMEOUT).probe(COMMITTED_METADATA,
                JobJar.locate(LocalStackExtension.repoHome()), JobJar.ENTRY_CLASS, 2,
                List.of("--job", "clickstream", "--config", config.toString()));

        assertThat(report.saved().stream().filter(SavedOperator::stateful).map(SavedOperator::uid))
                .as("stateful operators recorded in the committed savepoint")
                .contains("clickstream.source.v1", "clickstream.traffic-hourly.v1",
                        "Sink Committer: clickstream.raw-events-sink.v1", "Sink Committer: clickstream.rejected-sink.v1");
        OperatorMapping mapping = OperatorMapping.of(report);
        assertThat(mapping.unmapped()).as("savepoint state the current job has no operator for").isEmpty();
    }

    /**
     * Writes a fresh {@code _metadata} of the current version into src/test/resources; runs only with
     * {@code -Dsavepoint.refresh=true}, after a deliberate state change (see deploy/README.md).
     */
    @Test
    @EnabledIfSystemProperty(named = "savepoint.refresh", matches = "true")
    void refreshTheCommittedSavepoint(StackEndpoints stack, @TempDir Path dir) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "savepoint-fixture-" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            publisher.publish(ClickEventGenerator.stream(new GeneratorConfig(
                    3L, Instant.parse("2019-10-01T00:00:00Z"), 2_000, Duration.ofSeconds(1), 200, 100)).iterator());
        }
        Path config = ClickstreamJobConfigFile.write(dir.resolve("job.properties"), stack, Map.of("kafka.topic", topic,
                "kafka.group-id", topic, "marts.schema", "marts_fixture_" + runId, "pipeline.checkpoint-interval", "2 s"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        SavepointRedeploySystemTest.awaitFreeSlots(rest);
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, TIMEOUT);
        rest.awaitAllTasksRunning(jobId, TIMEOUT);
        awaitMartRows(stack, "marts_fixture_" + runId);
        String savepoint = rest.stopWithSavepoint(jobId, null, TIMEOUT);
        Path metadata = SavepointMetadataFile.download(stack, savepoint, dir.resolve("_metadata"));
        Files.createDirectories(COMMITTED_METADATA.getParent());
        Files.copy(metadata, COMMITTED_METADATA, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the job has upserted hourly rows, i.e. its keyed hourly state holds events. */
    private static void awaitMartRows(StackEndpoints stack, String schema) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try (java.sql.Connection connection = java.sql.DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(),
                    stack.dbPassword()); java.sql.Statement statement = connection.createStatement();
                 java.sql.ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + schema + ".traffic_hourly")) {
                if (rows.next() && rows.getLong(1) > 0) {
                    return;
                }
            } catch (java.sql.SQLException tableNotYetCreated) {
                // The job creates the table at start; poll again.
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No rows in " + schema + ".traffic_hourly within " + TIMEOUT);
    }
}

package io.github.flinklakehouse.deploy.savepoint;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitFreeSlots;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.cancelIfRunning;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restores the committed clickstream savepoint ({@code src/test/resources/savepoints/clickstream/}, taken by an earlier
 * version on another stack) with the current jar on a fresh stack, and proves the state came back: the source resumes
 * after the saved offsets (the raw table gets exactly the events published afterwards, each once) and the hourly
 * state still counts the saved events ({@code traffic_hourly} equals an independent count over all events, although
 * the saved ones never reach this stack's job). See {@link ClickstreamSavepointFixture} for how the fixture is made.
 *
 * <p>Skipped while the fixture is being refreshed: both use the fixed fixture topic, which must start empty.
 */
@ExtendWith(LocalStackExtension.class)
@DisabledIfSystemProperty(named = "savepoint.refresh", matches = "true")
class ClickstreamSavepointRestoreSystemTest {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void theCurrentJobRestoresTheCommittedSavepointAndContinuesFromItsState(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String martsSchema = "marts_restore_" + runId;
        List<ClickEvent> events = ClickstreamSavepointFixture.events();
        List<ClickEvent> saved = events.subList(0, ClickstreamSavepointFixture.SAVED_EVENTS);
        List<ClickEvent> after = events.subList(ClickstreamSavepointFixture.SAVED_EVENTS, events.size());

        // The saved events again, at the same partitions and offsets, so the saved offsets point behind them.
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), ClickstreamSavepointFixture.TOPIC,
                ClickstreamSavepointFixture.PARTITIONS);
        List<String> savedPositions = ClickstreamSavepointFixture.publish(stack.kafkaBootstrapServers(), saved);
        assertThat(ClickstreamSavepointFixture.endOffsets(savedPositions))
                .as("end offsets of the fixture topic, as when the savepoint was taken (else refresh the fixture)")
                .isEqualTo(ClickstreamSavepointFixture.readOffsets());

        String savepoint = SavepointFolder.upload(stack, ClickstreamSavepointFixture.DIRECTORY,
                "savepoint-fixtures/clickstream-" + runId);
        Path config = StackJobConfigFile.write(dir.resolve("job.properties"), stack, Map.of(
                "clickstream.kafka.topic", ClickstreamSavepointFixture.TOPIC, "clickstream.kafka.group-id", "savepoint-restore-" + runId,
                "marts.schema", martsSchema, "pipeline.checkpoint-interval", "2 s"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        awaitFreeSlots(rest, 2, TIMEOUT);
        // JobSubmission runs with allowNonRestoredState=false: every piece of saved state must find its operator.
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, savepoint, TIMEOUT);
        try {
            FlinkRestClient.CheckpointStats restored = rest.checkpointStats(jobId);
            assertThat(restored.restored()).as("restores").isEqualTo(1);
            assertThat(restored.restoredFromSavepoint()).as("restored from a savepoint").isTrue();

            List<String> newPositions = new ArrayList<>(
                    ClickstreamSavepointFixture.publish(stack.kafkaBootstrapServers(), after));
            newPositions.sort(null);

            try (JdbcCatalog catalog = catalog(stack)) {
                assertThat(awaitEqual(() -> rawPositions(catalog, ClickstreamSavepointFixture.TOPIC), newPositions, TIMEOUT))
                        .as("raw rows of the fixture topic: exactly the events after the saved offsets, once each")
                        .containsExactlyElementsOf(newPositions);
                List<String> expectedHours = expectedTrafficHourly(events);
                assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, TIMEOUT))
                        .as(martsSchema + ".traffic_hourly over saved and new events (the saved ones from restored state)")
                        .containsExactlyElementsOf(expectedHours);
                assertThat(rejectedPositions(catalog, ClickstreamSavepointFixture.TOPIC)).as("dead letters").isEmpty();
                assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
            }
        } finally {
            cancelIfRunning(rest, jobId, TIMEOUT);
        }
    }
}

package io.github.flinklakehouse.deploy.savepoint;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositionCounts;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitFreeSlots;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitTrue;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.cancelIfRunning;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A savepoint redeploy on the real local stack while events keep flowing: the clickstream job runs, a new
 * version (another jar file, changed settings) takes over its state mid-stream, and afterwards the raw table
 * holds every event exactly once and traffic_hourly equals an independent count: nothing lost, nothing doubled.
 * Savepoints go to the S3 store through the cluster's flink-s3-fs-hadoop plugin.
 */
@ExtendWith(LocalStackExtension.class)
class SavepointRedeploySystemTest {
    private static final int EVENTS = 30_000;
    private static final double EVENTS_PER_SECOND = 1_000;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RESULT_DEADLINE = Duration.ofMinutes(4);

    @Test
    void aCompatibleNewVersionTakesOverMidStreamWithNothingLostOrDoubled(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "redeploy-" + runId;
        String martsSchema = "marts_redeploy_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        Map<String, String> settings = Map.of("clickstream.kafka.topic", topic, "clickstream.kafka.group-id", "redeploy-" + runId,
                "marts.schema", martsSchema, "pipeline.checkpoint-interval", "2 s");
        Path v1Config = StackJobConfigFile.write(dir.resolve("v1.properties"), stack, settings);
        Map<String, String> v2Settings = new HashMap<>(settings);
        v2Settings.put("marts.flush-interval", "2 s");
        Path v2Config = StackJobConfigFile.write(dir.resolve("v2.properties"), stack, v2Settings);
        Path v1Jar = JobJar.locate(LocalStackExtension.repoHome());
        Path v2Jar = Files.copy(v1Jar, dir.resolve("lakehouse-jobs-v2.jar"));

        List<ClickEvent> events = ClickEventGenerator.stream(new GeneratorConfig(
                11L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofMillis(900), 2_000, 1_000)).toList();
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        awaitFreeSlots(rest, 2, STEP_TIMEOUT);
        String v1 = new JobSubmission(rest, v1Jar).submit("clickstream", v1Config, null, STEP_TIMEOUT);
        String running = v1;
        AtomicReference<Exception> publishFailure = new AtomicReference<>();
        KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic, EVENTS_PER_SECOND);
        CountDownLatch redeployed = new CountDownLatch(1);
        Thread publishing = publishInBackground(publisher, events, redeployed, publishFailure);
        try {
            awaitTrue(() -> publisher.sent() >= EVENTS / 5, "a fifth of the events sent", RESULT_DEADLINE);

            SavepointRedeploy.Result result = new SavepointRedeploy(rest, stack,
                    new SavepointProbeRunner(LocalStackExtension.repoHome(), STEP_TIMEOUT), STEP_TIMEOUT)
                    .redeploy(new SavepointRedeploy.Request(v1, v2Jar, JobJar.ENTRY_CLASS,
                            List.of("--job", "clickstream", "--config", v2Config.toString()), false, null), line -> { });
            running = result.newJobId();

            // The publisher sent from a fifth to three fifths of the events while the savepoint and the redeploy ran
            // (however long they took), and holds the rest until the new version runs.
            assertThat(publisher.sent()).as("events still to come after the redeploy").isLessThan(EVENTS);
            redeployed.countDown();
            assertThat(result.savepointPath()).startsWith("s3://" + stack.s3Bucket() + "/savepoints/");
            assertThat(result.mapping().complete()).isTrue();
            assertThat(rest.jobState(v1)).isEqualTo("FINISHED");

            publishing.join(RESULT_DEADLINE.toMillis());
            assertThat(publishFailure.get()).isNull();
            assertThat(publisher.sent()).isEqualTo(EVENTS);

            try (JdbcCatalog catalog = catalog(stack)) {
                Map<String, Long> expectedPositions = Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS);
                assertThat(awaitEqual(() -> rawPositionCounts(catalog, topic), expectedPositions, RESULT_DEADLINE))
                        .as("raw rows from this topic, and distinct Kafka positions").isEqualTo(expectedPositions);
                List<String> expectedHours = expectedTrafficHourly(events);
                assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, RESULT_DEADLINE))
                        .as(martsSchema + ".traffic_hourly").containsExactlyElementsOf(expectedHours);
                assertThat(rest.jobState(running)).isEqualTo("RUNNING");
            }
        } finally {
            redeployed.countDown();
            publishing.interrupt();
            cancelIfRunning(rest, running, STEP_TIMEOUT);
        }
    }

    @Test
    void theProbeSeesTheCommittersOfARealSavepointAndARedeployDroppingOneIsRefused(StackEndpoints stack,
            @TempDir Path dir) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "probe-" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        Path config = StackJobConfigFile.write(dir.resolve("job.properties"), stack, Map.of("clickstream.kafka.topic", topic,
                "clickstream.kafka.group-id", "probe-" + runId, "marts.schema", "marts_probe_" + runId,
                "pipeline.checkpoint-interval", "2 s"));
        Path jar = JobJar.locate(LocalStackExtension.repoHome());
        List<String> args = List.of("--job", "clickstream", "--config", config.toString());
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        awaitFreeSlots(rest, 2, STEP_TIMEOUT);
        String jobId = new JobSubmission(rest, jar).submit("clickstream", config, null, STEP_TIMEOUT);
        try {
            rest.awaitAllTasksRunning(jobId, STEP_TIMEOUT);
            String savepoint = rest.triggerSavepoint(jobId, null, STEP_TIMEOUT);
            ProbeReport report = new SavepointProbeRunner(LocalStackExtension.repoHome(), STEP_TIMEOUT).probe(
                    SavepointMetadataFile.download(stack, savepoint, dir.resolve("_metadata")), jar, JobJar.ENTRY_CLASS,
                    2, args);

            List<SavedOperator> committers = report.saved().stream().filter(SavedOperator::isCommitter).toList();
            // Sink V2 names them "<sink name>: Committer" with uid "Sink Committer: <sink uid>".
            List<String> expectedCommitters = new java.util.ArrayList<>(List.of(
                    "Sink Committer: clickstream.raw-events-sink.v1", "Sink Committer: clickstream.rejected-sink.v1",
                    // rejected_daily, the dead letters' mart (jobs.quality.RejectedDailyMart)
                    "Sink Committer: clickstream-rejected.rejected-daily-sink.v1"));
            io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts.tables(
                    io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings.defaults()).forEach(table -> expectedCommitters.add(
                    "Sink Committer: clickstream." + table.name().replace('_', '-') + "-sink.v1"));
            assertThat(committers).as("stateful committers: two Iceberg sinks and one JDBC upsert sink per mart table and rejected_daily")
                    .extracting(SavedOperator::uid).containsExactlyInAnyOrderElementsOf(expectedCommitters);
            assertThat(committers).allSatisfy(c -> assertThat(c.stateful()).isTrue());
            assertThat(OperatorMapping.of(report).complete()).as("the same job maps every operator").isTrue();

            Set<String> withoutRawCommitter = new HashSet<>(report.newOperatorIds());
            SavedOperator rawCommitter = committers.stream()
                    .filter(c -> c.uid().endsWith("clickstream.raw-events-sink.v1")).findFirst().orElseThrow();
            withoutRawCommitter.remove(rawCommitter.operatorId());
            OperatorMapping dropping = OperatorMapping.of(new ProbeReport(report.saved(), withoutRawCommitter));
            assertThatThrownBy(() -> dropping.requireRestorable(true))
                    .isInstanceOf(IncompatibleSavepointException.class)
                    .hasMessageContaining(rawCommitter.operatorId())
                    .hasMessageContaining("refused even with --allow-non-restored-state");
            assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
        } finally {
            cancelIfRunning(rest, jobId, STEP_TIMEOUT);
        }
    }

    /** Publishes {@code events} at the test's rate from a thread of its own, which closes {@code publisher}. */
    /** Publishes three fifths of the events, waits until {@code resume} is counted down, then publishes the rest. */
    private static Thread publishInBackground(KafkaEventPublisher publisher, List<ClickEvent> events,
            CountDownLatch resume, AtomicReference<Exception> failure) {
        Thread thread = new Thread(() -> {
            try (publisher) {
                int held = events.size() * 3 / 5;
                publisher.publish(events.subList(0, held).iterator());
                if (!resume.await(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("The redeploy did not finish within " + STEP_TIMEOUT);
                }
                publisher.publish(events.subList(held, events.size()).iterator());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "redeploy-test-publisher");
        thread.start();
        return thread;
    }
}

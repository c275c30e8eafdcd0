package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitFreeSlots;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitTrue;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.cancelIfRunning;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a database that is down for a minute must not fail the live job for good. The clickstream job counts a
 * first half of the events into PostgreSQL, PostgreSQL (marts and the Iceberg catalog alike) is stopped for 60 s
 * while the second half arrives in Kafka, then started again; the job fails, backs off through the cluster's
 * exponential-delay restart strategy, resumes from its latest checkpoint, and the marts and the raw table converge:
 * {@code traffic_hourly} equals an independent count and every Kafka position is in the raw table exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class PostgresOutageSystemTest {
    private static final int EVENTS = 10_000;
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RESULT_DEADLINE = Duration.ofMinutes(4);

    @Test
    void theJobRidesOutAMinuteWithoutPostgresAndTheMartsConverge(LocalStack localStack, @TempDir Path dir)
            throws Exception {
        StackEndpoints stack = localStack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "pg-outage-" + runId;
        String martsSchema = "marts_pg_outage_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        Path config = StackJobConfigFile.write(dir.resolve("clickstream.properties"), stack, Map.of(
                "clickstream.kafka.topic", topic,
                "clickstream.kafka.group-id", "pg-outage-" + runId,
                "marts.schema", martsSchema,
                "pipeline.checkpoint-interval", "2 s"));
        List<ClickEvent> events = ClickEventGenerator.stream(new GeneratorConfig(
                31L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofMillis(900), 1_000, 500)).toList();
        List<ClickEvent> firstHalf = events.subList(0, EVENTS / 2);

        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        awaitFreeSlots(rest, 2, STEP_TIMEOUT);
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, STEP_TIMEOUT);
        boolean postgresDown = false;
        List<String> positions = new ArrayList<>();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            positions.addAll(send(publisher, topic, firstHalf));
            List<String> firstHours = expectedTrafficHourly(firstHalf);
            assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), firstHours, RESULT_DEADLINE))
                    .as("the first half counted before the outage").containsExactlyElementsOf(firstHours);

            localStack.stopPostgres();
            postgresDown = true;
            positions.addAll(send(publisher, topic, events.subList(EVENTS / 2, EVENTS)));
            awaitTrue(() -> rest.stateTimestamps(jobId).containsKey("RESTARTING"),
                    "the job to notice that PostgreSQL is gone", STEP_TIMEOUT);
            Thread.sleep(OUTAGE.toMillis());
            assertThat(rest.jobState(jobId)).as("still trying after a minute without PostgreSQL")
                    .isNotIn("FAILED", "CANCELED", "FINISHED");
            localStack.startPostgres();
            postgresDown = false;

            List<String> expectedHours = expectedTrafficHourly(events);
            assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, RESULT_DEADLINE))
                    .as(martsSchema + ".traffic_hourly after the outage").containsExactlyElementsOf(expectedHours);
            try (JdbcCatalog catalog = catalog(stack)) {
                List<String> expectedRaw = sorted(positions);
                assertThat(awaitEqual(() -> rawPositions(catalog, topic), expectedRaw, RESULT_DEADLINE))
                        .as("raw.clickstream_events positions of this topic: each produced event exactly once")
                        .containsExactlyElementsOf(expectedRaw);
                assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
                assertThat(rest.checkpointStats(jobId).restored()).as("recovered from a checkpoint")
                        .isGreaterThanOrEqualTo(1);
            }
        } finally {
            if (postgresDown) {
                // Later tests on this stack need PostgreSQL whatever failed here.
                localStack.startPostgres();
            }
            cancelIfRunning(rest, jobId, STEP_TIMEOUT);
        }
    }

    private static List<String> send(KafkaEventPublisher publisher, String topic, List<ClickEvent> events)
            throws Exception {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ClickEvent event : events) {
            sent.add(publisher.send(event));
        }
        publisher.flush();
        List<String> positions = new ArrayList<>();
        for (Future<RecordMetadata> future : sent) {
            RecordMetadata metadata = future.get();
            positions.add(topic + "/" + metadata.partition() + "/" + metadata.offset());
        }
        return positions;
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}

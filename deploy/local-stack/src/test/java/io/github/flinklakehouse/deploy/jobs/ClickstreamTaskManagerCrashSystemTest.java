package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedPositions;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's promise under a crash: the clickstream job runs on the real local stack while events (good and bad)
 * keep arriving, its TaskManager is killed with SIGKILL after at least two completed checkpoints (half of the events
 * sent, the other half sent from then on, so the crash always falls mid-stream however slow the machine), a replacement
 * TaskManager joins, and the job recovers from its latest checkpoint through the cluster's restart strategy
 * (exponential delay: see FlinkConfigFiles). Afterwards every valid event is in
 * {@code raw.clickstream_events} exactly once by Kafka position, every bad one in {@code raw.rejected_events}
 * exactly once with its reason, and {@code traffic_hourly} equals an independent count.
 */
@ExtendWith(LocalStackExtension.class)
class ClickstreamTaskManagerCrashSystemTest {
    private static final int EVENTS = 24_000;
    /** Events are sent in chunks with one bad record after each, so bad records arrive before and after the crash. */
    private static final int CHUNKS = 12;
    private static final int EVENTS_PER_SECOND = 1_000;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RESULT_DEADLINE = Duration.ofMinutes(4);

    /** Bad payloads and the reason code the job must give each. */
    private static final List<Map.Entry<byte[], String>> BAD_PAYLOADS = List.of(
            Map.entry("this is not json".getBytes(StandardCharsets.UTF_8), "NOT_JSON"),
            Map.entry("{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"view\",\"product_id\":1,"
                    .getBytes(StandardCharsets.UTF_8), "NOT_JSON"),
            Map.entry(("{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"teleport\",\"product_id\":1,"
                    + "\"category_id\":2,\"price\":1.00,\"user_id\":3,\"user_session\":\"s\"}")
                    .getBytes(StandardCharsets.UTF_8), "UNKNOWN_EVENT_TYPE"));

    @Test
    void aTaskManagerKilledMidStreamLosesNothingAndDoublesNothing(LocalStack localStack, @TempDir Path dir)
            throws Exception {
        StackEndpoints stack = localStack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "crash-" + runId;
        String martsSchema = "marts_crash_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        Path config = StackJobConfigFile.write(dir.resolve("clickstream.properties"), stack, Map.of(
                "clickstream.kafka.topic", topic,
                "clickstream.kafka.group-id", "crash-" + runId,
                "marts.schema", martsSchema,
                "pipeline.checkpoint-interval", "2 s"));
        List<ClickEvent> events = ClickEventGenerator.stream(new GeneratorConfig(
                23L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofMillis(900), 2_000, 1_000)).toList();

        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        awaitFreeSlots(rest, 2, STEP_TIMEOUT);
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, STEP_TIMEOUT);
        Producing producing = new Producing(stack.kafkaBootstrapServers(), topic, events);
        Thread producer = new Thread(producing, "crash-test-producer");
        producer.start();
        boolean taskManagerDown = false;
        try {
            // The crash comes while events are in flight: the producer sends the first half, then waits for it.
            assertThat(producing.firstHalfSent.await(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("first half of the events sent").isTrue();
            long completedBefore = rest.checkpointStats(jobId).completed();
            awaitTrue(() -> rest.checkpointStats(jobId).completed() >= Math.max(2, completedBefore + 1),
                    "two completed checkpoints, one of them with events", STEP_TIMEOUT);
            long checkpointBeforeCrash = rest.checkpointStats(jobId).latestCompletedId();
            assertThat(rest.stateTimestamps(jobId)).as("job states before the crash").doesNotContainKey("RESTARTING");

            localStack.killTaskManager();
            taskManagerDown = true;
            assertThat(producer.isAlive()).as("the second half is still to be produced when the TaskManager dies")
                    .isTrue();
            producing.resume.countDown();
            localStack.startTaskManager();
            taskManagerDown = false;

            awaitTrue(() -> rest.stateTimestamps(jobId).containsKey("RESTARTING"),
                    "the job to notice the lost TaskManager and restart", STEP_TIMEOUT);
            rest.awaitJobState(jobId, "RUNNING", STEP_TIMEOUT);
            rest.awaitAllTasksRunning(jobId, STEP_TIMEOUT);
            assertThat(rest.exceptionHistory(jobId)).as("failures the job recovered from: the lost TaskManager")
                    .anySatisfy(failure -> assertThat(failure).contains("TaskManager"));
            FlinkRestClient.CheckpointStats afterRecovery = rest.checkpointStats(jobId);
            assertThat(afterRecovery.restored()).as("checkpoints restored from").isGreaterThanOrEqualTo(1);
            assertThat(afterRecovery.restoredFromSavepoint()).isFalse();
            assertThat(afterRecovery.latestRestoredId()).as("restored from the latest checkpoint, not from scratch")
                    .isGreaterThanOrEqualTo(checkpointBeforeCrash);

            producer.join(RESULT_DEADLINE.toMillis());
            assertThat(producer.isAlive()).as("producer finished").isFalse();
            assertThat(producing.failure.get()).as("producer failure").isNull();
            assertThat(producing.validPositions).hasSize(EVENTS);
            assertThat(producing.badPositions).hasSize(CHUNKS);

            try (JdbcCatalog catalog = catalog(stack)) {
                List<String> expectedRaw = sorted(producing.validPositions);
                assertThat(awaitEqual(() -> rawPositions(catalog, topic), expectedRaw, RESULT_DEADLINE))
                        .as("raw.clickstream_events positions of this topic: each produced event exactly once")
                        .containsExactlyElementsOf(expectedRaw);
                List<String> expectedRejected = sorted(producing.badPositions);
                assertThat(awaitEqual(() -> rejectedPositions(catalog, topic), expectedRejected, RESULT_DEADLINE))
                        .as("raw.rejected_events of this topic: each bad record exactly once, with its reason")
                        .containsExactlyElementsOf(expectedRejected);
                List<String> expectedHours = expectedTrafficHourly(events);
                assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, RESULT_DEADLINE))
                        .as(martsSchema + ".traffic_hourly").containsExactlyElementsOf(expectedHours);
                assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
            }
        } finally {
            producing.resume.countDown();
            producer.interrupt();
            producer.join(STEP_TIMEOUT.toMillis());
            if (taskManagerDown) {
                // Later tests on this stack need the TaskManager whatever failed here.
                localStack.startTaskManager();
            }
            cancelIfRunning(rest, jobId, STEP_TIMEOUT);
        }
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    /**
     * Sends the events at a steady rate with a bad record after each chunk, and records where Kafka put each:
     * {@code topic/partition/offset} of the valid ones, {@code "<position> <reason>"} of the bad ones.
     */
    private static final class Producing implements Runnable {
        private final String bootstrapServers;
        private final String topic;
        private final List<ClickEvent> events;
        final List<String> validPositions = new ArrayList<>();
        final List<String> badPositions = new ArrayList<>();
        final AtomicReference<Exception> failure = new AtomicReference<>();
        /** Counted down once the first half of the events is sent (and flushed). */
        final CountDownLatch firstHalfSent = new CountDownLatch(1);
        /** The second half is sent once this is counted down (after the crash). */
        final CountDownLatch resume = new CountDownLatch(1);

        Producing(String bootstrapServers, String topic, List<ClickEvent> events) {
            this.bootstrapServers = bootstrapServers;
            this.topic = topic;
            this.events = events;
        }

        @Override
        public void run() {
            List<Future<RecordMetadata>> valid = new ArrayList<>();
            List<Map.Entry<Future<RecordMetadata>, String>> bad = new ArrayList<>();
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrapServers, topic,
                    KafkaEventPublisher.UNLIMITED);
                 KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(
                         KafkaEventPublisher.producerProperties(bootstrapServers),
                         new ByteArraySerializer(), new ByteArraySerializer())) {
                long start = System.nanoTime();
                int chunk = EVENTS / CHUNKS;
                for (int i = 0; i < events.size(); i++) {
                    if (i == events.size() / 2) {
                        publisher.flush();
                        raw.flush();
                        firstHalfSent.countDown();
                        resume.await();
                        start = System.nanoTime() - i * 1_000_000_000L / EVENTS_PER_SECOND;
                    }
                    long due = start + i * 1_000_000_000L / EVENTS_PER_SECOND;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    valid.add(publisher.send(events.get(i)));
                    if ((i + 1) % chunk == 0) {
                        Map.Entry<byte[], String> payload = BAD_PAYLOADS.get((i / chunk) % BAD_PAYLOADS.size());
                        bad.add(Map.entry(raw.send(new ProducerRecord<>(topic, payload.getKey())), payload.getValue()));
                    }
                }
                publisher.flush();
                raw.flush();
                for (Future<RecordMetadata> sent : valid) {
                    validPositions.add(position(sent.get()));
                }
                for (Map.Entry<Future<RecordMetadata>, String> sent : bad) {
                    badPositions.add(position(sent.getKey().get()) + " " + sent.getValue());
                }
            } catch (Exception e) {
                failure.set(e);
            }
        }

        private String position(RecordMetadata metadata) {
            return topic + "/" + metadata.partition() + "/" + metadata.offset();
        }
    }
}

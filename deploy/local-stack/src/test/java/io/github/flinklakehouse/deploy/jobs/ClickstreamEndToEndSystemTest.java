package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositionCounts;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedReasons;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.dashboards.QuestionCheck;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.DashboardQuestions;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.catalog.Catalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's promise end to end on the real local stack: generated events on a real Kafka broker,
 * the shaded job jar submitted to the Flink cluster through its REST API (as the web UI does), every
 * event exactly once in Iceberg {@code raw.clickstream_events} on the S3 store, every malformed message
 * in {@code raw.rejected_events}, and {@code traffic_hourly} in PostgreSQL equal to numbers this test
 * computes on its own from the generated events; then every question of the clickstream dashboards answers on those
 * marts through the read-only BI role, with the columns its definition declares.
 */
@ExtendWith(LocalStackExtension.class)
class ClickstreamEndToEndSystemTest {
    private static final int EVENTS = 20_000;
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final List<byte[]> MALFORMED = List.of(
            "this is not json".getBytes(StandardCharsets.UTF_8),
            "{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"teleport\",\"product_id\":1,\"category_id\":2,"
                    .getBytes(StandardCharsets.UTF_8),
            ("{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"teleport\",\"product_id\":1,"
                    + "\"category_id\":2,\"price\":1.00,\"user_id\":3,\"user_session\":\"s\"}").getBytes(StandardCharsets.UTF_8),
            // Poison records: each would have stopped the job (parser exception, or PostgreSQL refusing the mart row).
            poison("\"price\":1e2147483647,\"user_session\":\"s\""),
            poison("\"price\":1.00,\"user_session\":\"s\\u0000s\""),
            poison("\"price\":1.00,\"user_session\":\"s\",\"brand\":\"" + "b".repeat(3_000) + "\""),
            poisonAt("2019-02-30 00:00:00 UTC", "\"price\":1.00,\"user_session\":\"s\""));
    private static final Map<String, Long> REJECTED = Map.of("NOT_JSON", 2L, "UNKNOWN_EVENT_TYPE", 1L,
            "WRONG_TYPE", 1L, "NUL_CHARACTER", 1L, "FIELD_TOO_LONG", 1L, "BAD_TIMESTAMP", 1L);

    @Test
    void everyEventLandsOnceInTheLakeAndTheHourlyMartMatchesAnIndependentCount(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "clickstream-e2e-" + runId;
        String martsSchema = "marts_e2e_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);

        List<ClickEvent> events = ClickEventGenerator.stream(new GeneratorConfig(
                7L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofMillis(900), 2_000, 1_000).withAppLog())
                .toList();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            assertThat(publisher.publish(events.iterator())).isEqualTo(EVENTS);
        }
        publishRaw(stack, topic, MALFORMED);

        Path config = StackJobConfigFile.write(dir.resolve("clickstream.properties"), stack, Map.of(
                "clickstream.kafka.topic", topic,
                "clickstream.kafka.group-id", "e2e-" + runId,
                "marts.schema", martsSchema,
                "pipeline.checkpoint-interval", "2 s"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, Duration.ofMinutes(2));
        try {
            List<String> expectedHours = expectedTrafficHourly(events);
            assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, DEADLINE))
                    .as("marts.traffic_hourly").containsExactlyElementsOf(expectedHours);

            Catalog catalog = catalog(stack);
            assertThat(awaitEqual(() -> rawPositionCounts(catalog, topic), Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS), DEADLINE))
                    .as("raw.clickstream_events rows from this topic, and distinct source positions")
                    .isEqualTo(Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS));
            assertThat(awaitEqual(() -> rejectedReasons(catalog, topic), REJECTED, DEADLINE))
                    .as("raw.rejected_events reasons for this topic")
                    .isEqualTo(REJECTED);
            assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");

            // Every question of the clickstream dashboards (deploy/dashboards) on these marts, as the BI role reads it.
            long asked = System.nanoTime();
            List<QuestionCheck.Answer> questions = DashboardQuestions.run(stack, "clickstream", martsSchema,
                    Duration.ofSeconds(30));
            assertThat(QuestionCheck.problems(questions)).as(questions.toString()).isEmpty();
            assertThat(questions).hasSize(DashboardQuestions.questionCount("clickstream"));
            System.out.printf("dashboard questions: %d answered in %d ms%n", questions.size(),
                    (System.nanoTime() - asked) / 1_000_000);

            // The same dashboards on the page `lakehouse run` serves, in a headless browser: no script error, every
            // chart drawn with rows; screenshots under target/dashboards.
            long opened = System.nanoTime();
            assertThat(DashboardQuestions.pageProblems(stack, "clickstream", martsSchema)).isEmpty();
            System.out.printf("dashboards page: checked in headless Chromium in %d ms%n",
                    (System.nanoTime() - opened) / 1_000_000);
        } finally {
            rest.cancel(jobId);
        }
    }

    /** An event of 2019-10-01 00:00 UTC, valid but for what {@code fields} (price, session, ...) put in it. */
    private static byte[] poison(String fields) {
        return poisonAt("2019-10-01 00:00:00 UTC", fields);
    }

    private static byte[] poisonAt(String eventTime, String fields) {
        return ("{\"event_time\":\"" + eventTime + "\",\"event_type\":\"view\",\"product_id\":1,\"category_id\":2,"
                + "\"user_id\":3," + fields + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static void publishRaw(StackEndpoints stack, String topic, List<byte[]> payloads) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaEventPublisher.producerProperties(stack.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (byte[] payload : payloads) {
                producer.send(new ProducerRecord<>(topic, payload));
            }
            producer.flush();
        }
    }

}

package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositionCounts;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawRows;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedReasons;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.dashboards.QuestionCheck;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.DashboardQuestions;
import io.github.flinklakehouse.deploy.testing.FlinkJobs;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogEvents;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogJsonEncoder;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The foundation's promise end to end on the real local stack: generated events on a real Kafka broker,
 * the shaded job jar submitted to the Flink cluster through its REST API (as the web UI does), every
 * event exactly once in Iceberg {@code raw.clickstream_events} on the S3 store, every malformed message
 * in {@code raw.rejected_events}, and {@code traffic_hourly} in PostgreSQL equal to numbers this test
 * computes on its own from the generated events; then every question of the clickstream dashboards answers on those
 * marts through the read-only BI role, with the columns its definition declares.
 *
 * <p>Beside it (both jobs deploy at once: a second job costs this test seconds, not a minute), issue 15's declared
 * format on the real broker: the warehouse use case's application log (text ids such as {@code u000000000123},
 * {@code session_id}, {@code page_view}/{@code add_to_cart}, quantities and revenues; the events of the MiniCluster
 * format tests, {@link AppLogEvents}) read by a second clickstream job with only {@code clickstream.format.*} in its
 * configuration file.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
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
    private static final int APP_LOG_EVENTS = 2_000;
    private static final IdPattern USERS = IdPattern.parse("u############");
    private static final IdPattern PRODUCTS = IdPattern.parse("p#########");
    /** The declared format, exactly as a user writes it: what {@link AppLogJsonEncoder#format()} declares. */
    private static final Map<String, String> APP_LOG_FORMAT = Map.of(
            "clickstream.format.fields", "user_session:session_id,category_code:category",
            "clickstream.format.event-types", "page_view:view,add_to_cart:cart",
            "clickstream.format.defaults", "category_id:0",
            "clickstream.format.id-patterns", "user_id:" + USERS + ",product_id:" + PRODUCTS);

    private StackEndpoints stack;
    private FlinkRestClient rest;
    private final List<String> jobIds = new ArrayList<>();
    private String topic;
    private String martsSchema;
    private List<ClickEvent> events;
    private String appLogTopic;
    private String appLogSchema;
    private List<ClickEvent> appLogEvents;
    /** The app log's bad lines by Kafka offset (one partition), with the reason each must be rejected for. */
    private final Map<Integer, String> appLogBad = new TreeMap<>();

    @BeforeAll
    void publishBothFormatsAndStartAJobForEach(StackEndpoints stack, @TempDir Path dir) throws Exception {
        this.stack = stack;
        rest = new FlinkRestClient(stack.flinkRestUrl());
        String runId = UUID.randomUUID().toString().substring(0, 8);
        topic = "clickstream-e2e-" + runId;
        martsSchema = "marts_e2e_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        events = ClickEventGenerator.stream(new GeneratorConfig(
                7L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofMillis(900), 2_000, 1_000).withAppLog())
                .toList();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            assertThat(publisher.publish(events.iterator())).isEqualTo(EVENTS);
        }
        publishRaw(stack, topic, MALFORMED);

        appLogTopic = "app-log-e2e-" + runId;
        appLogSchema = "marts_applog_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), appLogTopic, 1);
        appLogEvents = AppLogEvents.generate(APP_LOG_EVENTS);
        AppLogJsonEncoder encoder = new AppLogJsonEncoder(USERS, PRODUCTS);
        assertThat(ClickstreamConfig.of(LakehouseJobs.PIPELINES.loadConfig(APP_LOG_FORMAT, Optional.empty(), Map.of()))
                .clickstream().validation().format()).as("the options declare the encoder's format")
                .isEqualTo(encoder.format());
        List<String> lines = new ArrayList<>(appLogEvents.stream().map(encoder::encode).toList());
        String good = lines.get(10);
        insertBad(lines, 100, good.substring(0, good.length() / 2), "NOT_JSON");
        insertBad(lines, 200, good.replaceFirst("\"user_id\":\"u0*([0-9]+)\"", "\"user_id\":\"user-$1\""),
                "WRONG_TYPE");
        insertBad(lines, 300, good.replaceFirst("\"event_type\":\"[a-z_]+\"", "\"event_type\":\"checkout\""),
                "UNKNOWN_EVENT_TYPE");
        insertBad(lines, 400, lines.get(399), "DUPLICATE_EVENT_ID");
        publishRaw(stack, appLogTopic, lines.stream().map(line -> line.getBytes(StandardCharsets.UTF_8)).toList());

        // Two jobs of parallelism 2 take all 4 slots: wait for the slots of earlier tests' cancelled jobs.
        FlinkJobs.awaitFreeSlots(rest, 4, Duration.ofMinutes(2));
        JobSubmission submission = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()));
        jobIds.add(submission.start("clickstream", StackJobConfigFile.write(dir.resolve("clickstream.properties"),
                stack, Map.of(
                        "clickstream.kafka.topic", topic,
                        "clickstream.kafka.group-id", "e2e-" + runId,
                        "marts.schema", martsSchema,
                        "pipeline.checkpoint-interval", "2 s")), null, id -> { }));
        Map<String, String> appLog = new TreeMap<>(APP_LOG_FORMAT);
        appLog.putAll(Map.of(
                "clickstream.kafka.topic", appLogTopic,
                "clickstream.kafka.group-id", "app-log-e2e-" + runId,
                "marts.schema", appLogSchema,
                "pipeline.checkpoint-interval", "2 s"));
        jobIds.add(submission.start("clickstream",
                StackJobConfigFile.write(dir.resolve("app-log.properties"), stack, appLog), null, id -> { }));
        for (String jobId : jobIds) {
            submission.awaitRunning(jobId, Duration.ofMinutes(2));
        }
    }

    /** Also after a failed start: a job left running would hold two of the shared stack's slots for later tests. */
    @AfterAll
    void cancelBothJobs() {
        List<Exception> failures = new ArrayList<>();
        for (String jobId : jobIds) {
            try {
                FlinkJobs.cancelIfRunning(rest, jobId, Duration.ofMinutes(1));
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Could not cancel the test's jobs " + jobIds);
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Test
    void everyEventLandsOnceInTheLakeAndTheHourlyMartMatchesAnIndependentCount() throws Exception {
        List<String> expectedHours = expectedTrafficHourly(events);
        assertThat(awaitEqual(() -> trafficHourly(stack, martsSchema), expectedHours, DEADLINE))
                .as("marts.traffic_hourly").containsExactlyElementsOf(expectedHours);

        try (JdbcCatalog catalog = catalog(stack)) {
            assertThat(awaitEqual(() -> rawPositionCounts(catalog, topic), Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS), DEADLINE))
                    .as("raw.clickstream_events rows from this topic, and distinct source positions")
                    .isEqualTo(Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS));
            assertThat(awaitEqual(() -> rejectedReasons(catalog, topic), REJECTED, DEADLINE))
                    .as("raw.rejected_events reasons for this topic")
                    .isEqualTo(REJECTED);
            assertThat(rest.jobState(jobIds.get(0))).isEqualTo("RUNNING");

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
        }
    }

    @Test
    void appLogLinesOnKafkaAreTheirEventsOrTypedDeadLettersThroughTheDeclaredFormat() throws Exception {
        List<ClickEvent> read = appLogEvents.stream().map(AppLogEvents::asRead).toList();
        List<String> expectedHours = expectedTrafficHourly(read);
        assertThat(awaitEqual(() -> trafficHourly(stack, appLogSchema), expectedHours, DEADLINE))
                .as("traffic_hourly of the app log").containsExactlyElementsOf(expectedHours);

        try (JdbcCatalog catalog = catalog(stack)) {
            List<String> expectedRows = read.stream().map(ClickstreamEndToEndSystemTest::line).sorted().toList();
            assertThat(awaitEqual(() -> rawRows(catalog, appLogTopic, ClickstreamEndToEndSystemTest::line), expectedRows,
                    DEADLINE)).as("raw.clickstream_events from the app log: every field of every event, once")
                    .containsExactlyElementsOf(expectedRows);
            List<String> expectedRejected = appLogBad.entrySet().stream()
                    .map(e -> appLogTopic + "/0/" + e.getKey() + " " + e.getValue()).sorted().toList();
            assertThat(awaitEqual(() -> rejectedPositions(catalog, appLogTopic), expectedRejected, DEADLINE))
                    .as("raw.rejected_events: each bad app-log line at its Kafka offset with its reason")
                    .containsExactlyElementsOf(expectedRejected);
            assertThat(rest.jobState(jobIds.get(1))).isEqualTo("RUNNING");
        }
    }

    private void insertBad(List<String> lines, int offset, String line, String reason) {
        lines.add(offset, line);
        appLogBad.put(offset, reason);
    }

    /** An app-log event as its raw row must read: every field the app log carries. */
    private static String line(ClickEvent e) {
        return String.join("|", e.eventId(), e.eventTime().toString(), e.eventType().code(),
                Long.toString(e.userId()), Long.toString(e.productId()), Long.toString(e.categoryId()),
                e.userSession(), Objects.toString(e.categoryCode()), Objects.toString(e.brand()),
                e.price().setScale(2).toPlainString(), Objects.toString(e.device()), Objects.toString(e.country()),
                Objects.toString(e.region()), Objects.toString(e.searchQuery()), Objects.toString(e.quantity()),
                e.revenue() == null ? "null" : e.revenue().setScale(2).toPlainString());
    }

    /** A raw row, rendered as {@link #line(ClickEvent)} renders its event. */
    private static String line(Record r) {
        return String.join("|", (String) r.getField("event_id"),
                ((OffsetDateTime) r.getField("event_time")).toInstant().toString(), (String) r.getField("event_type"),
                r.getField("user_id").toString(), r.getField("product_id").toString(),
                r.getField("category_id").toString(), (String) r.getField("user_session"),
                Objects.toString(r.getField("category_code")), Objects.toString(r.getField("brand")),
                ((BigDecimal) r.getField("price")).toPlainString(), Objects.toString(r.getField("device")),
                Objects.toString(r.getField("country")), Objects.toString(r.getField("region")),
                Objects.toString(r.getField("search_query")), Objects.toString(r.getField("quantity")),
                Objects.toString(r.getField("revenue")));
    }

    /** An event of 2019-10-01 00:00 UTC, valid but for what {@code fields} (price, session, ...) put in it. */
    private static byte[] poison(String fields) {
        return poisonAt("2019-10-01 00:00:00 UTC", fields);
    }

    private static byte[] poisonAt(String eventTime, String fields) {
        return ("{\"event_time\":\"" + eventTime + "\",\"event_type\":\"view\",\"product_id\":1,\"category_id\":2,"
                + "\"user_id\":3," + fields + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** Sends {@code payloads} in order and waits until the broker acknowledged each: offsets are asserted. */
    private static void publishRaw(StackEndpoints stack, String topic, List<byte[]> payloads) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                KafkaEventPublisher.producerProperties(stack.kafkaBootstrapServers()),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (byte[] payload : payloads) {
                sent.add(producer.send(new ProducerRecord<>(topic, payload)));
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        }
    }

}

package io.github.flinklakehouse.deploy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.CatalogSettings;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
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
 * computes on its own from the generated events.
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
                    + "\"category_id\":2,\"price\":1.00,\"user_id\":3,\"user_session\":\"s\"}").getBytes(StandardCharsets.UTF_8));

    @Test
    void everyEventLandsOnceInTheLakeAndTheHourlyMartMatchesAnIndependentCount(StackEndpoints stack, @TempDir Path dir)
            throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "clickstream-e2e-" + runId;
        String martsSchema = "marts_e2e_" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);

        List<ClickEvent> events = ClickEventGenerator.stream(new GeneratorConfig(
                7L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofMillis(900), 2_000, 1_000)).toList();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            assertThat(publisher.publish(events.iterator())).isEqualTo(EVENTS);
        }
        publishRaw(stack, topic, MALFORMED);

        Path config = ClickstreamJobConfigFile.write(dir.resolve("clickstream.properties"), stack, Map.of(
                "kafka.topic", topic,
                "kafka.group-id", "e2e-" + runId,
                "marts.schema", martsSchema,
                "pipeline.checkpoint-interval", "2 s"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, Duration.ofMinutes(2));
        try {
            List<String> expectedHours = expectedTrafficHourly(events);
            assertThat(awaitEqual(() -> query(stack, martsSchema), expectedHours))
                    .as("marts.traffic_hourly").containsExactlyElementsOf(expectedHours);

            Catalog catalog = catalog(stack);
            assertThat(awaitEqual(() -> positionCounts(catalog, topic), Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS)))
                    .as("raw.clickstream_events rows from this topic, and distinct source positions")
                    .isEqualTo(Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS));
            assertThat(awaitEqual(() -> rejectedReasons(catalog, topic), Map.of("NOT_JSON", 2L, "UNKNOWN_EVENT_TYPE", 1L)))
                    .as("raw.rejected_events reasons for this topic")
                    .isEqualTo(Map.of("NOT_JSON", 2L, "UNKNOWN_EVENT_TYPE", 1L));
            assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
        } finally {
            rest.cancel(jobId);
        }
    }

    /** traffic_hourly computed from the generated events alone, one formatted line per (date, hour). */
    private static List<String> expectedTrafficHourly(List<ClickEvent> events) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Set<Long>> users = new HashMap<>();
        Map<String, Set<String>> sessions = new HashMap<>();
        Map<String, BigDecimal> revenue = new HashMap<>();
        for (ClickEvent event : events) {
            ZonedDateTime time = event.eventTime().atZone(ZoneOffset.UTC);
            String hour = time.toLocalDate() + "|" + time.getHour();
            long[] c = counts.computeIfAbsent(hour, k -> new long[4]);
            c[0]++;
            c[1] += event.eventType() == EventType.VIEW ? 1 : 0;
            c[2] += event.eventType() == EventType.CART ? 1 : 0;
            c[3] += event.eventType() == EventType.PURCHASE ? 1 : 0;
            users.computeIfAbsent(hour, k -> new HashSet<>()).add(event.userId());
            sessions.computeIfAbsent(hour, k -> new HashSet<>()).add(event.userSession());
            revenue.merge(hour, event.eventType() == EventType.PURCHASE ? event.price() : BigDecimal.ZERO, BigDecimal::add);
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((hour, c) -> lines.add(String.join("|", hour, Long.toString(c[0]), Long.toString(c[1]),
                Long.toString(c[2]), Long.toString(c[3]), Integer.toString(users.get(hour).size()),
                Integer.toString(sessions.get(hour).size()), revenue.get(hour).setScale(2).toPlainString())));
        lines.sort(null);
        return lines;
    }

    private static List<String> query(StackEndpoints stack, String schema) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
             Statement statement = connection.createStatement()) {
            if (!tableExists(connection, schema)) {
                return lines;
            }
            try (ResultSet rows = statement.executeQuery("SELECT event_date, hour, events, views, carts, purchases, "
                    + "unique_users, unique_sessions, revenue FROM " + schema + ".traffic_hourly ORDER BY event_date, hour")) {
                while (rows.next()) {
                    lines.add(String.join("|", rows.getDate(1).toLocalDate() + "|" + rows.getInt(2),
                            Long.toString(rows.getLong(3)), Long.toString(rows.getLong(4)), Long.toString(rows.getLong(5)),
                            Long.toString(rows.getLong(6)), Long.toString(rows.getLong(7)), Long.toString(rows.getLong(8)),
                            rows.getBigDecimal(9).setScale(2).toPlainString()));
                }
            }
        }
        lines.sort(null);
        return lines;
    }

    private static boolean tableExists(Connection connection, String schema) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, "traffic_hourly", null)) {
            return tables.next();
        }
    }

    private static Map<String, Long> positionCounts(Catalog catalog, String topic) throws Exception {
        if (!catalog.tableExists(RawTables.CLICKSTREAM_EVENTS)) {
            return Map.of();
        }
        Table table = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
        long rows = 0;
        Set<String> positions = new HashSet<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).select("source_position").build()) {
            for (Record record : records) {
                String position = (String) record.getField("source_position");
                if (position.startsWith(topic + "/")) {
                    rows++;
                    positions.add(position);
                }
            }
        }
        return Map.of("rows", rows, "distinct", (long) positions.size());
    }

    private static Map<String, Long> rejectedReasons(Catalog catalog, String topic) throws Exception {
        if (!catalog.tableExists(RawTables.REJECTED_EVENTS)) {
            return Map.of();
        }
        Map<String, Long> reasons = new TreeMap<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(RawTables.REJECTED_EVENTS))
                .select("reason", "source_position").build()) {
            for (Record record : records) {
                if (((String) record.getField("source_position")).startsWith(topic + "/")) {
                    reasons.merge((String) record.getField("reason"), 1L, Long::sum);
                }
            }
        }
        return reasons;
    }

    private static Catalog catalog(StackEndpoints stack) {
        return new CatalogSettings("lakehouse", stack.jdbcUrl(), stack.dbUser(), stack.dbPassword(), stack.warehouse(),
                stack.s3Endpoint(), stack.s3AccessKey(), stack.s3SecretKey(), stack.s3Region(), true)
                .catalogLoader().loadCatalog();
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

    /** Polls {@code actual} until it equals {@code expected} or the deadline passes; returns the last value. */
    private static <T> T awaitEqual(ThrowingSupplier<T> actual, T expected) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T last = actual.get();
        while (!expected.equals(last) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            last = actual.get();
        }
        return last;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}

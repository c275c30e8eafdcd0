package io.github.flinklakehouse.deploy.backfill;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.CuratedTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LakehouseCommand;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.marts.range.MartRangeComparison;
import io.github.flinklakehouse.jobs.marts.range.ParityReport;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.CsvEventWriter;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One engine, one job definition: generated events streamed through Kafka into the marts (schema A), backfilled
 * from the lake (schema C), from a bounded Kafka range and from CSV files, one local and one on S3 (schema B), all
 * with the clickstream job's own graph; A, B and C are identical row for row over the range, and the parity check finds no drift on A, then
 * exactly the rows the test corrupted.
 */
@ExtendWith(LocalStackExtension.class)
class BackfillSystemTest {

    private static final int EVENTS = 20_000;
    /** Events span about 33 hours from here; no other test uses these days, so the lake holds only ours. */
    private static final Instant START = Instant.parse("2020-02-03T00:00:00Z");
    private static final String FROM = "2020-02-03";
    private static final String UNTIL = "2020-02-04";
    private static final EventTimeRange RANGE = new EventTimeRange(START, Instant.parse("2020-02-04T00:00:00Z"));
    private static final Duration DEADLINE = Duration.ofMinutes(4);

    @Test
    void streamLakeAndFileBackfillsAgreeAndParityReportsExactlyTheCorruptedRows(LocalStack stack, @TempDir Path dir)
            throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String streamed = "bf_stream_" + runId;
        String fromLake = "bf_lake_" + runId;
        String fromFiles = "bf_files_" + runId;
        List<ClickEvent> events = ClickEventGenerator.stream(
                new GeneratorConfig(31L, START, EVENTS, Duration.ofSeconds(6), 2_000, 1_000)).toList();

        String topic = streamIntoMarts(endpoints, events, runId, streamed);

        LakehouseCommand.Run lake = LakehouseCommand.run(stack, "backfill", "--lake", "--from", FROM, "--until", UNTIL,
                "--schema", fromLake);
        assertThat(lake.exitCode()).as(lake.toString()).isZero();
        assertThat(lake.out()).contains("accepted events:").contains("already in, not written to raw.clickstream_events")
                .contains("Published [2020-02-03T00:00:00Z, 2020-02-04T00:00:00Z)");

        // From Kafka, with the warehouse tables too (a new schema: no live job maintains its warehouse, so the
        // backfill may create current versions), copied to the lake's curated tables (no live job writes them here):
        // the same marts, the completeness check passed, the lake copies equal the schema's tables.
        String fromKafka = "bf_kafka_" + runId;
        LakehouseCommand.Run kafka = LakehouseCommand.run(stack, "backfill", "--kafka", "--from", FROM, "--until", UNTIL,
                "--schema", fromKafka, "--", "--clickstream.kafka.topic", topic, "--warehouse.enabled", "true",
                "--warehouse.backfill.rewrite-live-state", "true", "--warehouse.backfill.write-lake", "true");
        assertThat(kafka.exitCode()).as(kafka.toString()).isZero();
        List<ClickEvent> inRangeEvents = events.stream().filter(e -> RANGE.contains(e.eventTime())).toList();
        assertThat(kafka.out()).contains(String.format("rows read:            %,d", EVENTS))
                .contains(String.format(Locale.ROOT, "fact_completeness 1.0000: %,d fact_user_events rows of %,d staged"
                        + " rows", inRangeEvents.size(), inRangeEvents.size()));
        assertIdentical(endpoints, fromLake, fromKafka);
        assertWarehouse(endpoints, fromKafka, inRangeEvents);
        assertThat(kafka.out()).contains("Lake copies brought to " + fromKafka + "'s rows:")
                .containsPattern("curated.fact_user_events +0 deleted +" + inRangeEvents.size() + " upserted");
        assertLakeCopies(endpoints, fromKafka);

        // Writing the lake from the same range appends nothing: the live job wrote every position already.
        long streamedRows = topicRowsInRaw(endpoints, topic);
        LakehouseCommand.Run rewrite = LakehouseCommand.run(stack, "backfill", "--kafka", "--from", FROM, "--until",
                UNTIL, "--write-lake", "true", "--schema", fromKafka + "_lake", "--", "--kafka.topic", topic);
        assertThat(rewrite.exitCode()).as(rewrite.toString()).isZero();
        assertThat(rewrite.out()).contains("accepted events:      0 (appended to")
                .containsPattern("already in the lake: +[0-9,]+ events");
        assertThat(topicRowsInRaw(endpoints, topic)).as("each Kafka position once in the lake").isEqualTo(streamedRows);
        assertIdentical(endpoints, fromLake, fromKafka + "_lake");

        LakehouseCommand.Run healthy = LakehouseCommand.run(stack, "parity", "--from", FROM, "--until", UNTIL, "--schema", streamed);
        assertThat(healthy.exitCode()).as(healthy.toString()).isZero();
        assertThat(healthy.out()).contains("no drift");
        assertIdentical(endpoints, streamed, fromLake);

        corruptThreeRows(endpoints, streamed);
        LakehouseCommand.Run drift = LakehouseCommand.run(stack, "parity", "--from", FROM, "--until", UNTIL, "--schema", streamed);
        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(3);
        assertThat(drift.out()).contains("3 differing rows")
                .containsPattern("traffic_hourly +1 different, 0 missing in target, 0 unexpected in target")
                .containsPattern("category_daily +0 different, 1 missing in target, 0 unexpected in target")
                .containsPattern("popular_products_daily +0 different, 0 missing in target, 1 unexpected in target");

        // The same events as CSV: the first half in a local gzipped file, the second half on S3.
        Path local = dir.resolve("part-1.csv.gz");
        CsvEventWriter.writeAll(local, true, events.subList(0, EVENTS / 2).iterator());
        String onS3 = "s3://" + endpoints.warehouse().substring("s3://".length()).split("/")[0] + "/backfill-input-"
                + runId + "/part-2.csv";
        upload(endpoints, onS3, events.subList(EVENTS / 2, EVENTS));
        LakehouseCommand.Run files = LakehouseCommand.run(stack, "backfill", "--files", local + "," + onS3,
                "--from", FROM, "--until", UNTIL, "--schema", fromFiles);
        assertThat(files.exitCode()).as(files.toString()).isZero();
        long inRange = events.stream().filter(e -> RANGE.contains(e.eventTime())).count();
        assertThat(files.out()).contains(String.format("rows read:            %,d", EVENTS))
                .contains(String.format("outside the range:    %,d", EVENTS - inRange))
                .contains(String.format("accepted events:      %,d (appended to", inRange));
        assertIdentical(endpoints, fromLake, fromFiles);
        assertThat(fileRowsInRaw(endpoints, runId)).as("each in-range line once in the lake").isEqualTo(inRange);
    }

    /** Runs the live job over the events until the marts of the range are final; returns the topic. */
    private static String streamIntoMarts(StackEndpoints endpoints, List<ClickEvent> events, String runId, String schema)
            throws Exception {
        String topic = "clickstream-backfill-" + runId;
        KafkaTopics.ensure(endpoints.kafkaBootstrapServers(), topic, 2);
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(endpoints.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            publisher.publish(events.iterator());
        }
        Path config = StackJobConfigFile.write(
                Files.createTempDirectory("backfill-stream").resolve("clickstream.properties"), endpoints,
                Map.of("clickstream.kafka.topic", topic, "clickstream.kafka.group-id", "backfill-" + runId, "marts.schema", schema,
                        "pipeline.checkpoint-interval", "2 s"));
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, DEADLINE);
        try {
            // Every period of the range is final once the marts are complete past its end plus a session timeout.
            Instant needed = RANGE.until().plus(Duration.ofHours(1));
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (!completeUpTo(endpoints, schema).map(t -> !t.isBefore(needed)).orElse(false)) {
                assertThat(System.nanoTime()).as("stream marts complete past " + needed).isLessThan(end);
                Thread.sleep(1_000);
            }
            // The final rows are flushed on the next checkpoints.
            long checkpoint = rest.checkpointStats(jobId).latestCompletedId();
            while (rest.checkpointStats(jobId).latestCompletedId() < checkpoint + 2) {
                assertThat(System.nanoTime()).as("two more checkpoints").isLessThan(end);
                Thread.sleep(500);
            }
        } finally {
            rest.cancel(jobId);
            rest.awaitJobState(jobId, "CANCELED", DEADLINE);
        }
        return topic;
    }

    /** The earliest {@code complete_up_to} over every mart, empty until each has one. */
    private static java.util.Optional<Instant> completeUpTo(StackEndpoints endpoints, String schema) throws SQLException {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement()) {
            try (ResultSet tables = connection.getMetaData().getTables(null, schema, "pipeline_freshness", null)) {
                if (!tables.next()) {
                    return java.util.Optional.empty();
                }
            }
            try (ResultSet row = statement.executeQuery("SELECT count(*), count(complete_up_to), min(complete_up_to) FROM "
                    + schema + ".pipeline_freshness")) {
                row.next();
                Timestamp min = row.getTimestamp(3);
                return row.getLong(1) > 0 && row.getLong(1) == row.getLong(2) && min != null
                        ? java.util.Optional.of(min.toInstant()) : java.util.Optional.empty();
            }
        }
    }

    /** Every mart of the range identical in both schemas, and none of them empty. */
    private static void assertIdentical(StackEndpoints endpoints, String expected, String actual) throws SQLException {
        JdbcConnectionSettings connection = new JdbcConnectionSettings(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword());
        ParityReport report = new MartRangeComparison(connection, 5,
                io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts.tables(ClickstreamSettings.defaults())).compare(expected, actual, RANGE);
        assertThat(report.hasDrift()).as(report.render()).isFalse();
        try (Connection jdbc = connect(endpoints); Statement statement = jdbc.createStatement()) {
            for (String table : List.of("traffic_hourly", "traffic_daily", "active_users", "category_daily", "sessions",
                    "funnel_daily", "popular_products_daily", "trending_products")) {
                assertThat(count(statement, "SELECT count(*) FROM " + actual + "." + table))
                        .as(actual + "." + table + " rows").isPositive();
            }
        }
    }

    /**
     * The warehouse tables of a backfill of {@code events}: a fact per event, exactly one current {@code dim_user}
     * version per user, a {@code dim_product} row per product, and every fact's user_key the version of its user valid
     * at its event time. These events carry no tracked attribute (device, country, region are all empty), so each user
     * has one version: this checks the CLI path end to end; versioning itself is covered by
     * {@code WarehouseRangeBackfillTest} and {@code UserHistoryStitchTest} in flink-jobs.
     */
    private static void assertWarehouse(StackEndpoints endpoints, String schema, List<ClickEvent> events)
            throws SQLException {
        try (Connection jdbc = connect(endpoints); Statement statement = jdbc.createStatement()) {
            assertThat(count(statement, "SELECT count(*) FROM " + schema + ".fact_user_events"))
                    .as("a fact per event of the range").isEqualTo(events.size());
            assertThat(count(statement, "SELECT count(DISTINCT user_id) FROM " + schema + ".dim_user"))
                    .as("a version for every user").isEqualTo(events.stream().map(ClickEvent::userId).distinct().count());
            assertThat(count(statement, "SELECT count(*) FROM (SELECT user_id FROM " + schema + ".dim_user GROUP BY"
                    + " user_id HAVING count(*) FILTER (WHERE is_current) <> 1) AS wrong"))
                    .as("users without exactly one current version").isZero();
            assertThat(count(statement, "SELECT count(*) FROM " + schema + ".dim_product"))
                    .as("a row per product").isEqualTo(events.stream().map(ClickEvent::productId).distinct().count());
            assertThat(count(statement, "SELECT count(*) FROM " + schema + ".fact_user_events f WHERE NOT EXISTS"
                    + " (SELECT 1 FROM " + schema + ".dim_user u WHERE u.user_key = f.user_key AND u.user_id = f.user_id"
                    + " AND u.valid_from <= f.event_time AND (u.valid_to IS NULL OR f.event_time < u.valid_to))"))
                    .as("facts whose user_key is not their user's version at their event time").isZero();
        }
    }

    /** Every row of the curated lake tables equals its row in {@code schema}, column by column. */
    private static void assertLakeCopies(StackEndpoints endpoints, String schema) throws Exception {
        Map<String, List<String>> columns = Map.of(
                "dim_user", List.of("user_key", "user_id", "valid_from", "valid_to", "is_current", "device", "country",
                        "region"),
                "dim_product", List.of("product_key", "product_id", "category", "brand", "latest_price", "first_seen",
                        "last_seen"),
                "fact_user_events", List.of("event_id", "event_time", "event_type", "user_key", "user_id",
                        "product_key", "product_id", "session", "quantity", "revenue"));
        try (JdbcCatalog catalog = catalog(endpoints); Connection jdbc = connect(endpoints);
                Statement statement = jdbc.createStatement()) {
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                List<String> lake = new ArrayList<>();
                try (CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(
                        TableIdentifier.of(CuratedTables.CURATED, table.getKey()))).build()) {
                    for (Record record : records) {
                        lake.add(table.getValue().stream().map(record::getField).map(BackfillSystemTest::text)
                                .collect(Collectors.joining(" ")));
                    }
                }
                List<String> target = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", table.getValue())
                        + " FROM " + schema + "." + table.getKey())) {
                    while (rows.next()) {
                        List<String> values = new ArrayList<>();
                        for (String column : table.getValue()) {
                            Object value = rows.getObject(column);
                            values.add(text(value instanceof Timestamp || value instanceof OffsetDateTime
                                    ? rows.getObject(column, OffsetDateTime.class) : value));
                        }
                        target.add(String.join(" ", values));
                    }
                }
                assertThat(lake).as("curated." + table.getKey() + " and " + schema + "." + table.getKey())
                        .isNotEmpty().containsExactlyInAnyOrderElementsOf(target);
            }
        }
    }

    private static String text(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant().toString() : String.valueOf(value);
    }

    private static long count(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A changed value, a deleted row and an extra row, all inside the range. */
    private static void corruptThreeRows(StackEndpoints endpoints, String schema) throws SQLException {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("UPDATE " + schema + ".traffic_hourly SET events = events + 1 "
                    + "WHERE event_date = DATE '2020-02-03' AND hour = 5")).isEqualTo(1);
            assertThat(statement.executeUpdate("DELETE FROM " + schema + ".category_daily WHERE (event_date, level, category) "
                    + "IN (SELECT event_date, level, category FROM " + schema + ".category_daily WHERE event_date = "
                    + "DATE '2020-02-03' ORDER BY level, category LIMIT 1)")).isEqualTo(1);
            assertThat(statement.executeUpdate("INSERT INTO " + schema + ".popular_products_daily (event_date, rank, "
                    + "product_id, views, unique_sessions, carts, purchases) VALUES (DATE '2020-02-03', 999, 1, 1, 1, 0, 0)"))
                    .isEqualTo(1);
        }
    }

    private static void upload(StackEndpoints endpoints, String path, List<ClickEvent> events) throws Exception {
        try (JdbcCatalog catalog = catalog(endpoints);
                OutputStream out = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).io().newOutputFile(path)
                        .createOrOverwrite();
                CsvEventWriter writer = new CsvEventWriter(out)) {
            for (ClickEvent event : events) {
                writer.write(event);
            }
        }
    }

    /** Rows of raw.clickstream_events loaded from this run's files. */
    private static long topicRowsInRaw(StackEndpoints endpoints, String topic) throws Exception {
        long rows = 0;
        try (JdbcCatalog catalog = catalog(endpoints);
                CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS))
                        .where(org.apache.iceberg.expressions.Expressions.equal("source", "kafka")).build()) {
            for (Record record : records) {
                if (((String) record.getField("source_position")).startsWith(topic + "/")) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private static long fileRowsInRaw(StackEndpoints endpoints, String runId) throws Exception {
        long rows = 0;
        try (JdbcCatalog catalog = catalog(endpoints);
                CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS))
                        .where(org.apache.iceberg.expressions.Expressions.equal("source", "file")).build()) {
            for (Record record : records) {
                String position = (String) record.getField("source_position");
                if (position.contains("part-1.csv.gz:") || position.contains("backfill-input-" + runId)) {
                    rows++;
                }
            }
        }
        return rows;
    }

    private static Connection connect(StackEndpoints endpoints) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
    }
}

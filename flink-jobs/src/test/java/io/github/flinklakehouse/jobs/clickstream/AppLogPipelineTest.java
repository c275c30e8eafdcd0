package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.files.FileSelection;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.backfill.files.JsonLinesFileInput;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogEvents;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogJsonEncoder;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.clickstream.marts.TrafficHourlyMart;
import io.github.flinklakehouse.jobs.clickstream.marts.TrafficHourlyRow;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated application log (JSON lines: string ids, session_id, page_view/add_to_cart, quantity, revenue) read
 * through its declared format by the whole clickstream job: once as a JSON-lines file (BATCH, the backfill's input)
 * and once as Kafka-positioned records (STREAMING, the live input). Every good line is its event in the raw table and
 * the marts; every bad line is a typed dead letter at its position; both runs give the same marts.
 */
class AppLogPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int EVENTS = 600;
    /** When the file was written: its lines' ingestion time. */
    private static final Instant INGESTED = Instant.parse("2025-01-11T00:00:00Z");
    private static final AppLogJsonEncoder ENCODER =
            new AppLogJsonEncoder(IdPattern.parse("u############"), IdPattern.parse("p#########"));
    /** Bad lines by their 1-based line number (= Kafka offset + 1) and the reason each must be rejected for. */
    private static final Map<Integer, String> BAD_REASONS = new LinkedHashMap<>();

    private static List<String> lines;
    private static List<ClickEvent> expectedEvents;

    @TempDir
    static Path dir;

    @BeforeAll
    static void generate() {
        List<ClickEvent> generated = AppLogEvents.generate(EVENTS);
        lines = new ArrayList<>();
        expectedEvents = new ArrayList<>();
        for (ClickEvent event : generated) {
            lines.add(ENCODER.encode(event));
            expectedEvents.add(AppLogEvents.asRead(event));
        }
        String good = lines.get(50);
        bad(20, "{\"event_time\":", "NOT_JSON");
        bad(40, good.substring(0, good.length() / 2), "NOT_JSON");
        bad(60, good.replaceFirst("\"user_id\":\"u0*([0-9]+)\"", "\"user_id\":$1"), "WRONG_TYPE");
        bad(80, good.replaceFirst("\"price\":[0-9.]+", "\"price\":1e2147483647"), "WRONG_TYPE");
        bad(100, good.replaceFirst("\"price\":", "\"quantity\":99999999999999999999,\"price\":"), "WRONG_TYPE");
        bad(120, good.replaceFirst("\"price\":", "\"price\":1,\"price\":"), "NOT_JSON");
        bad(140, good.replaceFirst("\"event_type\":\"[a-z_]+\"", "\"event_type\":\"checkout\""),
                "UNKNOWN_EVENT_TYPE");
        bad(160, "", "MISSING_FIELD");
        // A duplicated line: the same event_id again, a producer retry.
        bad(181, lines.get(179), "DUPLICATE_EVENT_ID");
        assertThat(lines).hasSize(EVENTS + BAD_REASONS.size());
    }

    private static void bad(int lineNumber, String line, String reason) {
        lines.add(lineNumber - 1, line);
        BAD_REASONS.put(lineNumber, reason);
    }

    @Test
    void aJsonLinesFileAndKafkaRecordsGiveTheSameEventsDeadLettersAndMarts() throws Exception {
        Instant written = INGESTED;
        Path file = Files.write(dir.resolve("app-log.jsonl"), lines, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(written));
        List<String> files = FileSelection.resolve(file.toString()).files();
        assertThat(JsonLinesFileInput.allJsonLines(files)).isTrue();

        Run fromFile = run(new JsonLinesFileInput(files), RuntimeExecutionMode.BATCH);
        List<byte[]> payloads = lines.stream().map(l -> l.getBytes(StandardCharsets.UTF_8)).toList();
        Run fromKafka = run(ClickstreamInput.kafkaRecords(RawRecordsSource.of("app-log", payloads,
                written.toEpochMilli())), RuntimeExecutionMode.STREAMING);

        for (Run run : List.of(fromFile, fromKafka)) {
            assertThat(run.raw).extracting(IngestedClickEvent::event).containsExactlyInAnyOrderElementsOf(expectedEvents);
            assertThat(run.hourly).isEqualTo(expectedHourly());
        }
        String path = files.get(0);
        assertThat(fromFile.deadLetters).filteredOn(letter -> !letter.reason().equals("DUPLICATE_EVENT_ID"))
                .extracting(DeadLetter::sourcePosition, DeadLetter::reason)
                .containsExactlyInAnyOrderElementsOf(BAD_REASONS.entrySet().stream()
                        .filter(e -> !e.getValue().equals("DUPLICATE_EVENT_ID"))
                        .map(e -> tuple(path + ":" + e.getKey(), e.getValue())).toList());
        // In BATCH the dedupe stage gets a key's events in no guaranteed order: either copy may be the one kept.
        assertThat(fromFile.deadLetters).filteredOn(letter -> letter.reason().equals("DUPLICATE_EVENT_ID"))
                .singleElement().extracting(DeadLetter::sourcePosition).isIn(path + ":180", path + ":181");
        assertThat(fromKafka.deadLetters).extracting(DeadLetter::sourcePosition, DeadLetter::reason)
                .containsExactlyInAnyOrderElementsOf(BAD_REASONS.entrySet().stream()
                        .map(e -> tuple("app-log/0/" + (e.getKey() - 1), e.getValue())).toList());
        for (DeadLetter letter : fromKafka.deadLetters) {
            if (!letter.reason().equals("DUPLICATE_EVENT_ID")) {
                int offset = Integer.parseInt(letter.sourcePosition().substring("app-log/0/".length()));
                assertThat(new String(letter.payload(), StandardCharsets.UTF_8)).isEqualTo(lines.get(offset));
            }
        }
        assertThat(fromFile.raw).extracting(e -> e.event().quantity()).contains(1, 2, 3);
        // Purchases of two items with a revenue and of three without (price × 3): both kinds are counted.
        assertThat(expectedEvents).filteredOn(e -> e.eventType() == EventType.PURCHASE)
                .extracting(ClickEvent::quantity, e -> e.revenue() != null).contains(tuple(2, true), tuple(3, false));
    }

    private record Run(List<IngestedClickEvent> raw, List<DeadLetter> deadLetters, Map<Instant, TrafficHourlyRow> hourly) {
    }

    private static Run run(ClickstreamInput input, RuntimeExecutionMode mode) throws Exception {
        CollectingSink<IngestedClickEvent> raw = new CollectingSink<>();
        CollectingSink<DeadLetter> rejected = new CollectingSink<>();
        CollectingMartSinks marts = new CollectingMartSinks();
        ClickstreamSettings settings = new ClickstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofMinutes(10), Duration.ofMillis(200), EventValidation.defaults().withFormat(ENCODER.format()),
                Duration.ofHours(1), ClickstreamMartSettings.defaults());
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.setRuntimeMode(mode);
        new ClickstreamJob(settings, input, SinkBinding.of(raw), SinkBinding.of(rejected), marts,
                ClickstreamMarts.of(settings)).addTo(env);
        env.executeAsync("app-log-" + mode).getJobExecutionResult().get(2, TimeUnit.MINUTES);

        Map<Instant, TrafficHourlyRow> lastPerHour = new HashMap<>();
        marts.rows(TrafficHourlyMart.TABLE).forEach(row -> lastPerHour.put(row.hourStart(), row));
        return new Run(raw.results(), rejected.results(), lastPerHour);
    }

    /** The hourly mart computed from the expected events without Flink (revenue, else price × quantity). */
    private static Map<Instant, TrafficHourlyRow> expectedHourly() {
        Map<Instant, List<ClickEvent>> byHour = expectedEvents.stream()
                .collect(Collectors.groupingBy(e -> e.eventTime().truncatedTo(ChronoUnit.HOURS)));
        Map<Instant, TrafficHourlyRow> expected = new HashMap<>();
        byHour.forEach((hour, list) -> expected.put(hour, new TrafficHourlyRow(hour, list.size(),
                count(list, EventType.VIEW), count(list, EventType.CART), count(list, EventType.PURCHASE),
                list.stream().map(ClickEvent::userId).distinct().count(),
                list.stream().map(ClickEvent::userSession).distinct().count(),
                list.stream().map(ClickEvent::productId).distinct().count(),
                list.stream().filter(e -> e.eventType() == EventType.PURCHASE)
                        .map(e -> e.revenue() != null ? e.revenue() : e.price().multiply(new BigDecimal(e.quantity())))
                        .reduce(new BigDecimal("0.00"), BigDecimal::add))));
        return expected;
    }

    private static long count(List<ClickEvent> list, EventType type) {
        return list.stream().filter(e -> e.eventType() == type).count();
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickMartEvent;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyMart;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyRow;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.quality.QualityRuleFailure;
import io.github.flinklakehouse.jobs.quality.QualityRules;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The declared data-quality rules in the whole clickstream job, in STREAMING (into the real PostgreSQL) and BATCH:
 * warn passes and counts, drop loses nothing (every dropped event is a QUALITY_RULE dead letter naming its rule),
 * fail stops the job for good with the rule and the record, and data_quality_daily is exact in both modes.
 */
class DataQualityPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Instant T0 = Instant.parse("2025-01-10T00:00:00Z");
    /** Every record's Kafka timestamp: two days after T0, the reference of the freshness rule. */
    private static final Instant RECEIVED = T0.plus(Duration.ofDays(2));
    private static final int EVENTS = 288;
    private static final String SCHEMA = "marts_quality";
    private static final String TOPIC = "quality";
    private static final List<String> RULES = List.of(
            "price_range = price range 0..1000 -> drop",
            "known_device = device in mobile|desktop -> warn",
            "recent = event_time fresh 1d -> warn",
            "product_known = product_id seen-before 1d when event_type = purchase -> drop");

    private static final List<ClickEvent> events = new ArrayList<>();
    private static final List<byte[]> payloads = new ArrayList<>();
    /** Offsets of the lines the parser rejects (never checked by a rule). */
    private static final Set<Long> unparsable = new HashSet<>();
    private static long duplicateOffset;

    @BeforeAll
    static void generate() {
        for (int i = 0; i < EVENTS; i++) {
            EventType type = List.of(EventType.VIEW, EventType.CART, EventType.PURCHASE).get(i % 3);
            long product = 1000 + (i * 7L) % 40;
            String price = i % 25 == 0 ? "5000.00" : i == 7 ? "1000.00" : "10.00";
            String device = i % 9 == 0 ? "fridge" : i % 2 == 0 ? "mobile" : "desktop";
            events.add(new ClickEvent(T0.plusSeconds(i * 600L), type, product, 1L, null, null, new BigDecimal(price),
                    1 + i % 10, "session-" + i % 10, "e-" + i, i % 31 == 0 ? null : device, null, null, null));
        }
        for (ClickEvent event : events) {
            payloads.add(JsonEventEncoder.encode(event));
        }
        String good = new String(payloads.get(10), StandardCharsets.UTF_8);
        // Malformed, wrongly typed, an extreme number: dead letters of the parser, before any rule.
        bad(good.substring(0, 20));
        bad(good.replaceFirst("\"price\":[0-9.]+", "\"price\":\"abc\""));
        bad(good.replaceFirst("\"price\":[0-9.]+", "\"price\":1e400"));
        bad(good.replaceFirst("\"product_id\":[0-9]+", "\"product_id\":99999999999999999999999"));
        // A duplicated line (the last purchase, so not late): checked like any record, then the dedupe stage drops it.
        duplicateOffset = payloads.size();
        payloads.add(payloads.get(EVENTS - 1));
    }

    private static void bad(String line) {
        unparsable.add((long) payloads.size());
        payloads.add(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void warnCountsDropLosesNothingAndTheDailyMartIsExactInStreamingAndBatch() throws Exception {
        Expected expected = expected();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        EVENTS_DAILY.ensure(TestPostgres.connection(), SCHEMA);
        DataQualityDailyMart.TABLE.ensure(TestPostgres.connection(), SCHEMA);
        RejectedDailyMart.TABLE.ensure(TestPostgres.connection(), SCHEMA);

        Run streaming = run(RuntimeExecutionMode.STREAMING, settings(RULES),
                new JdbcMartSinks(TestPostgres.connection(), SCHEMA, Duration.ofMillis(100)));
        CollectingMartSinks batchMarts = new CollectingMartSinks();
        Run batch = run(RuntimeExecutionMode.BATCH, settings(RULES), batchMarts);

        assertThat(readDailyFromPostgres()).containsExactlyInAnyOrderElementsOf(expected.daily.values());
        assertThat(lastPerKey(batchMarts.rows(DataQualityDailyMart.TABLE)))
                .containsExactlyInAnyOrderElementsOf(expected.daily.values());
        // rejected_daily counts every dead letter of the rejected table, drop rules' too, per seen_at day.
        assertThat(readRejectedFromPostgres()).isEqualTo(rejectedPerKey(streaming.rejected));
        Map<String, Long> batchRejected = new HashMap<>();
        batchMarts.rows(RejectedDailyMart.TABLE).forEach(row -> batchRejected.put(
                row.seenDate() + " " + row.pipeline() + " " + row.source() + " " + row.reason(), row.rejected()));
        assertThat(batchRejected).isEqualTo(rejectedPerKey(batch.rejected)).containsKey(
                RECEIVED.atZone(ZoneOffset.UTC).toLocalDate() + " clickstream kafka QUALITY_RULE");
        // The marts count exactly the events no drop rule refused.
        Map<LocalDate, Long> eventsPerDay = new HashMap<>();
        expected.passed.forEach(e -> eventsPerDay.merge(e.eventTime().atZone(ZoneOffset.UTC).toLocalDate(), 1L,
                Long::sum));
        Map<LocalDate, Long> counted = new HashMap<>();
        batchMarts.rows(EVENTS_DAILY).forEach(row -> counted.put(row.eventDate(), row.events()));
        assertThat(counted).isEqualTo(eventsPerDay);
        for (Run run : List.of(streaming, batch)) {
            assertThat(run.raw).extracting(IngestedClickEvent::event)
                    .containsExactlyInAnyOrderElementsOf(expected.passed);
            List<DeadLetter> dropped = run.rejected.stream().filter(l -> l.reason().equals("QUALITY_RULE")).toList();
            assertThat(dropped).extracting(DeadLetter::sourcePosition, DeadLetter::message)
                    .containsExactlyInAnyOrderElementsOf(expected.dropped.entrySet().stream()
                            .map(e -> org.assertj.core.groups.Tuple.tuple(TOPIC + "/0/" + e.getKey(), e.getValue()))
                            .toList());
            for (DeadLetter letter : dropped) {
                int offset = Integer.parseInt(letter.sourcePosition().substring((TOPIC + "/0/").length()));
                assertThat(letter.payload()).isEqualTo(payloads.get(offset));
            }
            // Nothing lost: every line is a raw event or a dead letter (the retry a DUPLICATE_EVENT_ID one).
            assertThat(run.raw.size() + run.rejected.size()).as(run.rejected.stream().map(DeadLetter::reason)
                    .collect(java.util.stream.Collectors.groupingBy(r -> r, java.util.stream.Collectors.counting()))
                    .toString()).isEqualTo(payloads.size());
            assertThat(run.rejected).filteredOn(l -> !l.reason().equals("QUALITY_RULE")).extracting(
                    DeadLetter::reason).containsExactlyInAnyOrder("NOT_JSON", "WRONG_TYPE", "WRONG_TYPE", "WRONG_TYPE",
                    "DUPLICATE_EVENT_ID");
        }
    }

    @Test
    void failStopsTheJobForGoodWithTheRuleAndASampleRecord() {
        // An unbounded restart strategy: only the suppressed restart lets the job end.
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        ClickstreamSettings settings = settings(List.of("price_range = price range 0..1000 -> fail"));

        assertThatThrownBy(() -> run(RuntimeExecutionMode.STREAMING, settings, new CollectingMartSinks(), conf))
                .satisfies(e -> {
                    QualityRuleFailure failure = ExceptionUtils.findThrowable(e, QualityRuleFailure.class)
                            .orElseThrow();
                    assertThat(failure.getMessage()).startsWith("Data-quality rule 'price_range' (action fail) "
                            + "failed: price = 5000.00 does not pass 'price_range = price range 0..1000 -> fail'. "
                            + "Sample record: {\"event_time\":").contains(" from kafka " + TOPIC + "/0/");
                });
    }

    @Test
    void aBackfillFailsWhenAKeyFieldIsMissing() {
        QualityRules rules = new QualityRules(List.of(), List.of("user_id", "device")).forBackfill();
        ClickstreamSettings settings = settings(List.of()).withQuality(rules);

        // Event 0 has no device: the backfill (BATCH) fails naming the key check.
        assertThatThrownBy(() -> run(RuntimeExecutionMode.BATCH, settings, new CollectingMartSinks()))
                .satisfies(e -> assertThat(ExceptionUtils.findThrowable(e, QualityRuleFailure.class).orElseThrow()
                        .getMessage()).startsWith("Data-quality rule 'key_device_not_null' (action fail) failed: "
                        + "device = null does not pass 'key_device_not_null = device not-null -> fail'."));
    }

    private record Run(List<IngestedClickEvent> raw, List<DeadLetter> rejected) {
    }

    private static ClickstreamSettings settings(List<String> rules) {
        List<String> problems = new ArrayList<>();
        QualityRules quality = QualityRules.parse(rules, new ClickEventQualityFields().kinds(), problems);
        assertThat(problems).isEmpty();
        // The bounded source may hand both halves of the input to one reader in either order: an out-of-orderness
        // longer than the input keeps every event on time, so STREAMING must equal BATCH exactly.
        return new ClickstreamSettings(Duration.ofDays(3), Duration.ofSeconds(30), Duration.ofMinutes(10),
                Duration.ofMillis(200)).withQuality(quality);
    }

    private static Run run(RuntimeExecutionMode mode, ClickstreamSettings settings, MartSinks marts) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        return run(mode, settings, marts, conf);
    }

    private static Run run(RuntimeExecutionMode mode, ClickstreamSettings settings, MartSinks marts,
            Configuration conf) throws Exception {
        CollectingSink<IngestedClickEvent> raw = new CollectingSink<>();
        CollectingSink<DeadLetter> rejected = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.setRuntimeMode(mode);
        new ClickstreamJob(settings, RawRecordsSource.of(TOPIC, payloads, RECEIVED.toEpochMilli()),
                SinkBinding.of(raw), SinkBinding.of(rejected), marts, eventsDaily()).addTo(env);
        env.executeAsync("quality-" + mode).getJobExecutionResult().get(2, TimeUnit.MINUTES);
        return new Run(raw.results(), rejected.results());
    }

    /** One small mart instead of every clickstream mart: a quicker job; data_quality_daily is added regardless. */
    private static MartSet<ClickMartEvent> eventsDaily() {
        MartSet.Builder<ClickMartEvent> marts = MartSet.builder(ClickstreamMarts.PIPELINE,
                TypeInformation.of(ClickMartEvent.class), event -> event.eventTime);
        Aggregation.Builder<ClickMartEvent, Long> daily = Aggregation.builder("events-daily", Types.LONG,
                (event, keys) -> keys.accept(UtcPeriod.DAY.startOf(event.eventTime)),
                day -> day + UtcPeriod.DAY_MILLIS);
        Measure events = daily.count("events");
        marts.table(daily.build(), (day, v) -> new EventsDailyRow(Instant.ofEpochMilli(day), events.of(v)),
                TypeInformation.of(EventsDailyRow.class), EVENTS_DAILY);
        return marts.build();
    }

    /** A row of the test's own mart: events counted on one day. */
    public record EventsDailyRow(Instant dayStart, long events) {

        public LocalDate eventDate() {
            return dayStart.atZone(ZoneOffset.UTC).toLocalDate();
        }
    }

    private static final MartTable<EventsDailyRow> EVENTS_DAILY = MartTable.builder("quality_test_events_daily",
                    EventsDailyRow.class)
            .purpose("events counted per day (DataQualityPipelineTest)")
            .column("event_date", SqlType.DATE, EventsDailyRow::eventDate)
            .column("events", SqlType.BIGINT, EventsDailyRow::events)
            .key("event_date")
            .period(MartPeriod.day("event_date"))
            .build();

    private record Expected(List<ClickEvent> passed, Map<Long, String> dropped,
            Map<String, DataQualityDailyRow> daily) {
    }

    /** The rules applied without Flink: events in event-time order, the keyed rule over what the row rules kept. */
    private static Expected expected() {
        List<ClickEvent> passed = new ArrayList<>();
        Map<Long, String> dropped = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        Map<Long, Long> productSeen = new HashMap<>();
        List<Long> offsets = new ArrayList<>();
        for (long i = 0; i < EVENTS; i++) {
            offsets.add(i);
        }
        offsets.add(duplicateOffset);
        for (long offset : offsets) {
            ClickEvent event = events.get((int) (offset == duplicateOffset ? EVENTS - 1 : offset));
            LocalDate day = event.eventTime().atZone(ZoneOffset.UTC).toLocalDate();
            boolean priceOk = event.price().compareTo(new BigDecimal("1000")) <= 0;
            count(counts, day, "price_range", priceOk);
            if (event.device() != null) {
                count(counts, day, "known_device", Set.of("mobile", "desktop").contains(event.device()));
            }
            count(counts, day, "recent", !event.eventTime().isBefore(RECEIVED.minus(Duration.ofDays(1))));
            if (!priceOk) {
                dropped.put(offset, "Dropped by data-quality rule [price_range] price = " + event.price()
                        + " does not pass 'price_range = price range 0..1000 -> drop'");
                continue;
            }
            long time = event.eventTime().toEpochMilli();
            if (event.eventType() == EventType.PURCHASE) {
                Long seen = productSeen.get(event.productId());
                boolean known = seen != null && seen >= time - Duration.ofDays(1).toMillis();
                count(counts, day, "product_known", known);
                if (!known) {
                    dropped.put(offset, "Dropped by data-quality rule [product_known] product_id = "
                            + event.productId() + " does not pass 'product_known = product_id seen-before 1d when "
                            + "event_type = purchase -> drop'");
                    continue;
                }
            }
            productSeen.put(event.productId(), time);
            if (offset != duplicateOffset) {
                passed.add(event);
            }
        }
        Map<String, DataQualityDailyRow> daily = new HashMap<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("/");
            daily.put(key, new DataQualityDailyRow(LocalDate.parse(parts[0]).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    ClickstreamMarts.PIPELINE, parts[1], c[0], c[1], c[0] - c[1]));
        });
        // A sanity check of the generated data: every rule passes and fails somewhere.
        assertThat(daily.values()).extracting(DataQualityDailyRow::rule).contains("price_range", "known_device",
                "recent", "product_known");
        assertThat(daily.values().stream().mapToLong(DataQualityDailyRow::failed).sum()).isGreaterThan(4);
        return new Expected(passed, dropped, daily);
    }

    private static void count(Map<String, long[]> counts, LocalDate day, String rule, boolean passed) {
        long[] c = counts.computeIfAbsent(day + "/" + rule, k -> new long[2]);
        c[0]++;
        if (passed) {
            c[1]++;
        }
    }

    private static List<DataQualityDailyRow> lastPerKey(List<DataQualityDailyRow> rows) {
        Map<String, DataQualityDailyRow> last = new HashMap<>();
        rows.forEach(row -> last.put(row.eventDate() + "/" + row.rule(), row));
        return new ArrayList<>(last.values());
    }

    /** The dead letters counted per {@code seen_date pipeline source reason}: what rejected_daily must hold. */
    private static Map<String, Long> rejectedPerKey(List<DeadLetter> letters) {
        Map<String, Long> counts = new HashMap<>();
        letters.forEach(l -> counts.merge(l.seenAt().atZone(ZoneOffset.UTC).toLocalDate() + " clickstream "
                + l.source() + " " + l.reason(), 1L, Long::sum));
        return counts;
    }

    private static Map<String, Long> readRejectedFromPostgres() throws Exception {
        Map<String, Long> rows = new HashMap<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT seen_date, pipeline, source, reason, rejected FROM "
                        + SCHEMA + "." + RejectedDailyMart.TABLE.name())) {
            while (result.next()) {
                rows.put(result.getObject(1, LocalDate.class) + " " + result.getString(2) + " " + result.getString(3)
                        + " " + result.getString(4), result.getLong(5));
            }
        }
        return rows;
    }

    private static List<DataQualityDailyRow> readDailyFromPostgres() throws Exception {
        MartTable<DataQualityDailyRow> table = DataQualityDailyMart.TABLE;
        List<DataQualityDailyRow> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT event_date, pipeline, rule, checked, passed, failed"
                        + " FROM " + SCHEMA + "." + table.name())) {
            while (result.next()) {
                rows.add(new DataQualityDailyRow(result.getObject(1, LocalDate.class).atStartOfDay(ZoneOffset.UTC)
                        .toInstant(), result.getString(2), result.getString(3), result.getLong(4), result.getLong(5),
                        result.getLong(6)));
            }
        }
        return rows;
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.marts.TrafficHourlyMart;
import io.github.flinklakehouse.jobs.clickstream.marts.TrafficHourlyRow;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs the clickstream graph on a MiniCluster (parallelism 2) with a bounded source and collecting sinks. */
class ClickstreamPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant START = Instant.parse("2019-10-01T00:00:00Z");
    private static final int EVENTS = 3_000;
    private static final Map<Integer, String> BAD_PAYLOADS = Map.of(
            10, "not json", 500, "{\"event_type\":\"view\"}", 1_200, "[1,2,3]", 2_000,
            "{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"click\",\"product_id\":1,\"category_id\":2,"
                    + "\"price\":1,\"user_id\":3,\"user_session\":\"s\"}");

    /** Position repeating the identical record before it, which has no event_id: a second, valid event. */
    private static final int COPY_WITHOUT_ID_AT = 8;
    /** Position repeating the record before it, which has an event_id: a producer retry, dead-lettered. */
    private static final int RETRY_WITH_ID_AT = 102;
    /** Kafka timestamp of every record: a day after the first event, so no event lies in the future. */
    private static final Instant INGESTED = START.plus(Duration.ofDays(1));

    /** The events that must reach the raw table and the marts, in source order. */
    private static List<ClickEvent> events;
    private static List<byte[]> payloads;

    @BeforeAll
    static void generate() {
        // Mean gap 5 s: 3,000 events cover about four hours.
        List<ClickEvent> generated = ClickEventGenerator.stream(
                new GeneratorConfig(2024, START, EVENTS, Duration.ofSeconds(5), 500, 300)).toList();
        events = new ArrayList<>();
        payloads = new ArrayList<>();
        int next = 0;
        int total = EVENTS + BAD_PAYLOADS.size() + 2;
        for (int position = 0; position < total; position++) {
            String bad = BAD_PAYLOADS.get(position);
            if (bad != null) {
                payloads.add(bad.getBytes(StandardCharsets.UTF_8));
            } else if (position == COPY_WITHOUT_ID_AT || position == RETRY_WITH_ID_AT) {
                payloads.add(payloads.get(position - 1));
                if (position == COPY_WITHOUT_ID_AT) {
                    events.add(events.get(events.size() - 1));
                }
            } else {
                ClickEvent event = generated.get(next++);
                if (position % 100 == 1) {
                    event = withId(event, "e-" + position);
                }
                events.add(event);
                payloads.add(JsonEventEncoder.encode(event));
            }
        }
        assertThat(events).hasSize(EVENTS + 1);
        assertThat(events.get(RETRY_WITH_ID_AT - 2).eventId()).isEqualTo("e-101");
    }

    private static ClickEvent withId(ClickEvent e, String id) {
        return new ClickEvent(e.eventTime(), e.eventType(), e.productId(), e.categoryId(), e.categoryCode(), e.brand(),
                e.price(), e.userId(), e.userSession(), id);
    }

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"STREAMING", "BATCH"})
    void hourlyMartEqualsAnIndependentComputation(RuntimeExecutionMode mode) throws Exception {
        Result result = run(mode);

        assertThat(result.hourly).isEqualTo(expectedHourly());
        assertThat(result.rawEvents).hasSize(EVENTS + 1);
        assertThat(result.rawEvents.stream().map(IngestedClickEvent::event).collect(Collectors.toSet()))
                .isEqualTo(new HashSet<>(events));
        assertThat(result.rawEvents.stream().map(IngestedClickEvent::sourcePosition).distinct()).hasSize(EVENTS + 1);
        assertThat(result.rawEvents).extracting(IngestedClickEvent::sourcePosition)
                .contains("clicks/0/" + (COPY_WITHOUT_ID_AT - 1), "clicks/0/" + COPY_WITHOUT_ID_AT);
        // Positions 1, 101, ..., 3001 carry an event_id; the retry at 102 is not among the raw events.
        assertThat(result.rawEvents.stream().filter(e -> e.event().eventId() != null)).hasSize(31);
        // The retry and its original share an event time: BATCH sorts a key's records by time only, so either
        // copy may be the one kept; the other is the dead letter. Marts are identical either way.
        List<DeadLetter> duplicates = result.deadLetters.stream()
                .filter(d -> d.reason().equals("DUPLICATE_EVENT_ID")).toList();
        assertThat(duplicates).singleElement().extracting(DeadLetter::sourcePosition)
                .isIn("clicks/0/" + (RETRY_WITH_ID_AT - 1), "clicks/0/" + RETRY_WITH_ID_AT);
        assertThat(result.rawEvents).filteredOn(e -> "e-101".equals(e.event().eventId())).singleElement()
                .extracting(IngestedClickEvent::sourcePosition).isNotEqualTo(duplicates.get(0).sourcePosition());
        assertThat(result.deadLetters).filteredOn(d -> !d.reason().equals("DUPLICATE_EVENT_ID"))
                .extracting(DeadLetter::sourcePosition, DeadLetter::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("clicks/0/10", "NOT_JSON"),
                        org.assertj.core.groups.Tuple.tuple("clicks/0/500", "MISSING_FIELD"),
                        org.assertj.core.groups.Tuple.tuple("clicks/0/1200", "NOT_JSON"),
                        org.assertj.core.groups.Tuple.tuple("clicks/0/2000", "UNKNOWN_EVENT_TYPE"));
        assertThat(result.deadLetters).filteredOn(d -> d.sourcePosition().equals("clicks/0/10"))
                .singleElement().satisfies(d -> assertThat(d.payload()).isEqualTo("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void streamingAndBatchGiveIdenticalMarts() throws Exception {
        assertThat(run(RuntimeExecutionMode.STREAMING).hourly).isEqualTo(run(RuntimeExecutionMode.BATCH).hourly);
    }

    private record Result(Map<String, TrafficHourlyRow> hourly, List<IngestedClickEvent> rawEvents, List<DeadLetter> deadLetters) {
    }

    private static Result run(RuntimeExecutionMode mode) throws Exception {
        CollectingSink<IngestedClickEvent> raw = new CollectingSink<>();
        CollectingSink<DeadLetter> rejected = new CollectingSink<>();
        CollectingMartSinks marts = new CollectingMartSinks();
        ClickstreamSettings settings = new ClickstreamSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMillis(200));

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.setRuntimeMode(mode);
        new ClickstreamJob(settings, RawRecordsSource.of("clicks", payloads, INGESTED.toEpochMilli()),
                SinkBinding.of(raw), SinkBinding.of(rejected), marts).addTo(env);

        JobClient job = env.executeAsync(ClickstreamJob.JOB_NAME + "-" + mode);
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        // The mart is an upsert table: the last row written per key wins.
        Map<String, TrafficHourlyRow> lastPerHour = new LinkedHashMap<>();
        marts.rows(TrafficHourlyMart.TABLE).forEach(row -> lastPerHour.put(row.eventDate() + "T" + row.hour(), row));
        return new Result(lastPerHour, raw.results(), rejected.results());
    }

    /** The hourly rows computed directly from the generated events, without Flink. */
    private static Map<String, TrafficHourlyRow> expectedHourly() {
        Map<String, List<ClickEvent>> byHour = new HashMap<>();
        for (ClickEvent e : events) {
            ZonedDateTime t = e.eventTime().atZone(ZoneOffset.UTC);
            byHour.computeIfAbsent(t.toLocalDate() + "T" + t.getHour(), k -> new ArrayList<>()).add(e);
        }
        Map<String, TrafficHourlyRow> expected = new HashMap<>();
        byHour.forEach((key, list) -> {
            Instant hourStart = list.get(0).eventTime().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            Set<Long> users = list.stream().map(ClickEvent::userId).collect(Collectors.toSet());
            Set<String> sessions = list.stream().map(ClickEvent::userSession).collect(Collectors.toSet());
            Set<Long> products = list.stream().map(ClickEvent::productId).collect(Collectors.toSet());
            BigDecimal revenue = list.stream().filter(e -> e.eventType() == EventType.PURCHASE)
                    .map(ClickEvent::price).reduce(new BigDecimal("0.00"), BigDecimal::add);
            expected.put(key, new TrafficHourlyRow(hourStart, list.size(),
                    count(list, EventType.VIEW), count(list, EventType.CART), count(list, EventType.PURCHASE),
                    users.size(), sessions.size(), products.size(), revenue));
        });
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
        return expected;
    }

    private static long count(List<ClickEvent> list, EventType type) {
        return list.stream().filter(e -> e.eventType() == type).count();
    }
}

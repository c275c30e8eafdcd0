package io.github.flinklakehouse.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventRows;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.lake.DeadLetterRows;
import io.github.flinklakehouse.jobs.lake.IcebergAppendBinding;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay job against a real (local-file) Iceberg lake: records rejected under a too-strict setting are
 * accepted after the fix with their original lineage, exactly once however often the replay runs; records
 * that still fail stay rejected; replaying LATE or duplicates is refused.
 */
class RejectedEventsReplayTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Instant START = Instant.parse("2019-10-01T00:00:00Z");
    private static final int VALID = 500;
    /** Positions of valid events whose payload exceeds the strict 300-byte limit of the first run. */
    private static final List<Integer> LONG_AT = List.of(100, 200, 300);
    private static final int NOT_JSON_AT = 400;

    @TempDir
    Path warehouse;

    @Test
    void acceptsFixedRecordsOnceWithOriginalLineageAndLeavesTheRestRejected() throws Exception {
        CatalogLoader catalogLoader = CatalogLoader.hadoop(
                "test", new org.apache.hadoop.conf.Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        Catalog catalog = catalogLoader.loadCatalog();
        LakeTables.ensureRawTables(catalog);
        ingestWithStrictPayloadLimit(catalogLoader);
        assertThat(positions(catalog, RawTables.CLICKSTREAM_EVENTS)).hasSize(VALID);
        assertThat(rejectedReasons(catalog)).containsExactlyInAnyOrder("OVERSIZED", "OVERSIZED", "OVERSIZED", "NOT_JSON");

        JobExecutionResult first = replay(catalogLoader, "OVERSIZED");
        assertThat((Long) first.getAccumulatorResult(RejectedEventsReplay.ACCEPTED)).isEqualTo(3L);
        List<String> raw = positions(catalog, RawTables.CLICKSTREAM_EVENTS);
        assertThat(raw).hasSize(VALID + 3).doesNotHaveDuplicates()
                .contains("clicks/0/100", "clicks/0/200", "clicks/0/300");
        // Nothing is removed from the rejected table: it stays the record of what happened.
        assertThat(rejectedReasons(catalog)).hasSize(4);

        JobExecutionResult second = replay(catalogLoader, "OVERSIZED");
        assertThat((Long) second.getAccumulatorResult(RejectedEventsReplay.ACCEPTED)).isEqualTo(0L);
        assertThat(positions(catalog, RawTables.CLICKSTREAM_EVENTS)).hasSize(VALID + 3);

        JobExecutionResult stillBad = replay(catalogLoader, "NOT_JSON");
        assertThat((Long) stillBad.getAccumulatorResult(RejectedEventsReplay.ACCEPTED)).isEqualTo(0L);
        assertThat((Long) stillBad.getAccumulatorResult(RejectedEventsReplay.STILL_REJECTED + "NOT_JSON")).isEqualTo(1L);
        assertThat(positions(catalog, RawTables.CLICKSTREAM_EVENTS)).hasSize(VALID + 3);
    }

    @Test
    void replayedCopiesOfOneEventIdAreWrittenOnceAsTheLiveJobWouldDedupeThem() throws Exception {
        CatalogLoader catalogLoader = CatalogLoader.hadoop(
                "test", new org.apache.hadoop.conf.Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        Catalog catalog = catalogLoader.loadCatalog();
        LakeTables.ensureRawTables(catalog);
        ingest(catalogLoader, List.of(
                JsonEventEncoder.encode(withId(0, "e-ingested", "")),
                JsonEventEncoder.encode(withId(1, "e-retried", "q".repeat(450))),
                JsonEventEncoder.encode(withId(2, "e-retried", "q".repeat(450))), // a producer retry of position 1
                JsonEventEncoder.encode(withId(3, "e-ingested", "q".repeat(450))), // a retry of position 0
                JsonEventEncoder.encode(withId(4, null, "q".repeat(450)))));
        assertThat(positions(catalog, RawTables.CLICKSTREAM_EVENTS)).containsExactly("clicks/0/0");
        assertThat(rejectedReasons(catalog)).containsOnly("OVERSIZED").hasSize(4);

        for (int run = 0; run < 2; run++) {
            JobExecutionResult replayed = replay(catalogLoader, "OVERSIZED");
            assertThat((Long) replayed.getAccumulatorResult(RejectedEventsReplay.ACCEPTED)).isEqualTo(run == 0 ? 2L : 0L);
            assertThat((Long) replayed.getAccumulatorResult(RejectedEventsReplay.STILL_REJECTED + "DUPLICATE_EVENT_ID"))
                    .isEqualTo(2L);
            assertThat(positions(catalog, RawTables.CLICKSTREAM_EVENTS))
                    .containsExactlyInAnyOrder("clicks/0/0", "clicks/0/1", "clicks/0/4");
        }
    }

    private static ClickEvent withId(int second, String eventId, String query) {
        return new ClickEvent(START.plusSeconds(second), EventType.SEARCH, 1, 2, null, null,
                BigDecimal.ZERO.setScale(2), 3, "s-" + second, eventId, null, null, null, query);
    }

    @Test
    void refusesReasonsWhoseEventsAreAlreadyInTheRawTable() {
        for (String reason : List.of("LATE", "DUPLICATE_EVENT_ID", "NO_SUCH_REASON")) {
            LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("replay.reason", reason), Optional.empty(),
                    Map.of());
            assertThatThrownBy(() -> LakehouseJobs.PIPELINES.job("clickstream-replay").orElseThrow().job().prepare(config))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("replay.reason: must be one of NOT_JSON, NOT_CSV")
                    .hasMessageNotContaining("LATE,");
        }
    }

    @Test
    void everyOperatorOfTheReplayHasAnExplicitUniqueUid() throws Exception {
        CatalogLoader catalogLoader = CatalogLoader.hadoop(
                "test", new org.apache.hadoop.conf.Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        LakeTables.ensureRawTables(catalogLoader.loadCatalog());
        StreamExecutionEnvironment env = environment(RuntimeExecutionMode.BATCH);
        ReplayWiring.create(LakehouseJobs.PIPELINES.loadConfig(Map.of("replay.reason", "OVERSIZED"), Optional.empty(), Map.of()),
                catalogLoader).addTo(env);
        List<String> uids = env.getStreamGraph().getStreamNodes().stream()
                .map(org.apache.flink.streaming.api.graph.StreamNode::getTransformationUID).toList();
        assertThat(uids).doesNotContainNull().doesNotHaveDuplicates()
                .allSatisfy(uid -> assertThat(uid).contains("clickstream-replay."))
                .contains(RejectedEventsReplay.REJECTED_SOURCE_UID, RejectedEventsReplay.RAW_POSITIONS_SOURCE_UID,
                        RejectedEventsReplay.SKIP_INGESTED_UID, RejectedEventsReplay.REPARSE_UID);
    }

    @Test
    void selectsByReasonAndHalfOpenSeenAtRange() throws Exception {
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("replay.reason", "OVERSIZED",
                "replay.seen-from", "2019-10-01T00:00:00Z", "replay.seen-until", "2019-10-02T00:00:00Z"),
                Optional.empty(), Map.of());
        assertThat(config.replay().selects("OVERSIZED", Instant.parse("2019-10-01T00:00:00Z"))).isTrue();
        assertThat(config.replay().selects("OVERSIZED", Instant.parse("2019-10-02T00:00:00Z"))).isFalse();
        assertThat(config.replay().selects("NOT_JSON", Instant.parse("2019-10-01T12:00:00Z"))).isFalse();
    }

    /** Runs the clickstream job with a 400-byte payload limit, which rejects the three long events. */
    private static void ingestWithStrictPayloadLimit(CatalogLoader catalogLoader) throws Exception {
        List<ClickEvent> events = ClickEventGenerator.stream(GeneratorConfig.of(5, START, VALID)).toList();
        List<byte[]> payloads = new ArrayList<>();
        int next = 0;
        for (int position = 0; position < VALID + LONG_AT.size() + 1; position++) {
            if (position == NOT_JSON_AT) {
                payloads.add("{\"event_type\": \"view\", ".getBytes(StandardCharsets.UTF_8));
            } else if (LONG_AT.contains(position)) {
                payloads.add(JsonEventEncoder.encode(new ClickEvent(START.plusSeconds(position), EventType.SEARCH, 1, 2,
                        null, null, BigDecimal.ZERO.setScale(2), 3, "s-long", null, null, null, null, "q".repeat(450))));
            } else {
                payloads.add(JsonEventEncoder.encode(events.get(next++)));
            }
        }
        ingest(catalogLoader, payloads);
    }

    /** Runs the clickstream job over {@code payloads} (topic clicks, partition 0) with a 400-byte payload limit. */
    private static void ingest(CatalogLoader catalogLoader, List<byte[]> payloads) throws Exception {
        ClickstreamSettings strict = new ClickstreamSettings(Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofHours(1), Duration.ofSeconds(1),
                new EventValidation(400, Duration.ofHours(1), Instant.parse("2000-01-01T00:00:00Z")),
                Duration.ofHours(1), ClickstreamMartSettings.defaults());
        StreamExecutionEnvironment env = environment(RuntimeExecutionMode.STREAMING);
        new ClickstreamJob(strict, RawRecordsSource.of("clicks", payloads, START.plus(Duration.ofDays(1)).toEpochMilli()),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalogLoader, RawTables.CLICKSTREAM_EVENTS),
                        RawTables.CLICKSTREAM_EVENTS_SCHEMA, new ClickEventRows()),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalogLoader, RawTables.REJECTED_EVENTS),
                        RawTables.REJECTED_EVENTS_SCHEMA, new DeadLetterRows()),
                new CollectingMartSinks()).addTo(env);
        env.executeAsync("ingest-strict").getJobExecutionResult().get(3, TimeUnit.MINUTES);
    }

    private static JobExecutionResult replay(CatalogLoader catalogLoader, String reason) throws Exception {
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("replay.reason", reason), Optional.empty(), Map.of());
        StreamExecutionEnvironment env = environment(RuntimeExecutionMode.BATCH);
        ReplayWiring.create(config, catalogLoader).addTo(env);
        return env.execute("replay-" + reason);
    }

    private static StreamExecutionEnvironment environment(RuntimeExecutionMode mode) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.configure(new Configuration().set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300)));
        env.setRuntimeMode(mode);
        return env;
    }

    private static List<String> positions(Catalog catalog, org.apache.iceberg.catalog.TableIdentifier table)
            throws Exception {
        List<String> positions = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(table)).build()) {
            rows.forEach(r -> positions.add((String) r.getField("source_position")));
        }
        return positions;
    }

    private static List<String> rejectedReasons(Catalog catalog) throws Exception {
        List<String> reasons = new ArrayList<>();
        try (CloseableIterable<Record> rows = IcebergGenerics.read(catalog.loadTable(RawTables.REJECTED_EVENTS)).build()) {
            rows.forEach(r -> reasons.add((String) r.getField("reason")));
        }
        return reasons;
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.lake.DeadLetterRows;
import io.github.flinklakehouse.jobs.lake.IcebergAppendBinding;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the clickstream graph with the real Iceberg sinks into a local-file warehouse (Iceberg is a library,
 * so this is the real writer and committer), with generic types disabled and exactly-once checkpoints.
 */
class ClickstreamIcebergPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path warehouse;

    @Test
    void writesEveryValidEventAndEveryDeadLetterToIceberg() throws Exception {
        Instant start = Instant.parse("2019-10-01T00:00:00Z");
        List<byte[]> payloads = new ArrayList<>();
        ClickEventGenerator.stream(GeneratorConfig.of(99, start, 2_000))
                .forEach(e -> payloads.add(JsonEventEncoder.encode(e)));
        // One event with every optional contract field, then a producer retry of it.
        byte[] full = JsonEventEncoder.encode(new ClickEvent(start.plusSeconds(30), EventType.SEARCH, 1, 2, null, null,
                new java.math.BigDecimal("2.50"), 3, "s-full", "e-full", "mobile", "DE", "Berlin", "red shoes", 4,
                new java.math.BigDecimal("9.99")));
        payloads.add(full);
        payloads.add(full);
        payloads.add("garbage".getBytes(StandardCharsets.UTF_8));
        payloads.add(new byte[] {(byte) 0xFF});

        CatalogLoader catalogLoader = CatalogLoader.hadoop(
                "test", new org.apache.hadoop.conf.Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        Catalog catalog = catalogLoader.loadCatalog();
        LakeTables.ensureRawTables(catalog);

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.configure(new Configuration().set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(300)));
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        new ClickstreamJob(ClickstreamSettings.defaults(), RawRecordsSource.of("clicks", payloads, start.toEpochMilli()),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalogLoader, RawTables.CLICKSTREAM_EVENTS),
                        RawTables.CLICKSTREAM_EVENTS_SCHEMA, new ClickEventRows()),
                new IcebergAppendBinding<>(TableLoader.fromCatalog(catalogLoader, RawTables.REJECTED_EVENTS),
                        RawTables.REJECTED_EVENTS_SCHEMA, new DeadLetterRows()),
                new CollectingMartSinks()).addTo(env);

        env.executeAsync("iceberg-pipeline").getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(totalRecords(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS))).isEqualTo(2_001);
        assertThat(totalRecords(catalog.loadTable(RawTables.REJECTED_EVENTS))).isEqualTo(3);
        List<org.apache.iceberg.data.Record> withDevice = new ArrayList<>();
        try (var rows = org.apache.iceberg.data.IcebergGenerics.read(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS))
                .where(org.apache.iceberg.expressions.Expressions.notNull("device")).build()) {
            rows.forEach(r -> withDevice.add(r.copy()));
        }
        assertThat(withDevice).singleElement().satisfies(r -> {
            assertThat(r.getField("event_id")).isEqualTo("e-full");
            assertThat(r.getField("device")).isEqualTo("mobile");
            assertThat(r.getField("country")).isEqualTo("DE");
            assertThat(r.getField("region")).isEqualTo("Berlin");
            assertThat(r.getField("search_query")).isEqualTo("red shoes");
            assertThat(r.getField("quantity")).isEqualTo(4);
            assertThat(r.getField("revenue")).isEqualTo(new java.math.BigDecimal("9.99"));
            // Two parallel source readers: either copy may reach the dedupe first.
            assertThat(r.getField("source_position")).isIn("clicks/0/2000", "clicks/0/2001");
        });
    }

    private static long totalRecords(Table table) {
        table.refresh();
        return table.currentSnapshot() == null ? 0 : Long.parseLong(table.currentSnapshot().summary().get("total-records"));
    }
}

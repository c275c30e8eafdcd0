package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.warehouse.Warehouse;
import io.github.flinklakehouse.jobs.warehouse.WarehouseLakeSinks;
import io.github.flinklakehouse.jobs.warehouse.WarehouseSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Builds the production graph (Kafka source, Iceberg and JDBC sinks; nothing is contacted) and checks its operator ids. */
class ClickstreamTopologyTest {

    @TempDir
    Path warehouse;

    @Test
    void everyOperatorHasAUniqueExplicitUid() throws Exception {
        StreamGraph graph = productionGraph();
        assertUniqueExplicitUids(graph);
        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).contains(
                ClickstreamJob.SOURCE_UID, ClickstreamJob.PARSE_UID, ClickstreamJob.WATERMARKS_UID,
                "clickstream.marts.traffic-hourly.v2", "clickstream.marts.by-session.v2", ClickstreamJob.LATE_FILTER_UID,
                ClickstreamJob.LATE_DEAD_LETTERS_UID);
        assertThat(uids).doesNotContain("clickstream.quality.rows.v1");
    }

    @Test
    void theDataQualityOperatorsHaveUniqueExplicitUids() throws Exception {
        StreamGraph graph = productionGraph(Map.of("clickstream.quality.rules",
                "price_range = price range 0..1000 -> drop;product_known = product_id seen-before 1d -> warn"));
        assertUniqueExplicitUids(graph);
        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).contains("clickstream.quality.rows.v1", "clickstream.quality.product-known.v1",
                "clickstream-quality.marts.data-quality-daily.v2", "clickstream-quality.data-quality-daily-sink.v1");
    }

    @Test
    void theWarehouseOperatorsHaveUniqueExplicitUidsLiveAndInABackfill() throws Exception {
        Path jsonLines = java.nio.file.Files.writeString(warehouse.resolve("events.jsonl"), "{}\n");
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("warehouse.enabled", "true",
                "backfill.source", "files", "backfill.files", jsonLines.toString()), java.util.Optional.empty(),
                Map.of());
        StreamExecutionEnvironment live = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.configure(live, config);
        ClickstreamWiring.create(config, catalogLoader()).addTo(live);
        StreamExecutionEnvironment backfill = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.configure(backfill, config);
        io.github.flinklakehouse.jobs.backfill.BackfillWiring.create(config, catalogLoader()).addTo(backfill);
        StreamGraph liveGraph = live.getStreamGraph(false);
        StreamGraph backfillGraph = backfill.getStreamGraph(false);
        for (StreamGraph graph : List.of(liveGraph, backfillGraph)) {
            assertUniqueExplicitUids(graph);
            assertThat(uids(graph)).contains(
                    Warehouse.PROJECT_UID, Warehouse.DIM_USER_UID, Warehouse.DIM_PRODUCT_UID,
                    Warehouse.DIM_USER_SINK_UID, Warehouse.DIM_PRODUCT_SINK_UID, Warehouse.FACTS_SINK_UID,
                    Warehouse.COUNT_FACTS_UID);
        }
        // The live job also writes the curated lake tables; a backfill leaves them alone.
        List<String> lakeSinks = List.of(Warehouse.DIM_USER_LAKE_SINK_UID, Warehouse.DIM_PRODUCT_LAKE_SINK_UID,
                Warehouse.FACTS_LAKE_SINK_UID);
        assertThat(uids(liveGraph)).containsAll(lakeSinks);
        assertThat(uids(backfillGraph)).doesNotContainAnyElementsOf(lakeSinks);
    }

    private static List<String> uids(StreamGraph graph) {
        return graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"files", "json-lines", "lake", "kafka"})
    void everyBackfillOperatorHasAUniqueExplicitUid(String source) throws Exception {
        Path csv = java.nio.file.Files.writeString(warehouse.resolve("events.csv"), DatasetFields.CSV_HEADER + "\n");
        Path jsonLines = java.nio.file.Files.writeString(warehouse.resolve("events.jsonl"), "{}\n");
        boolean json = source.equals("json-lines");
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("backfill.source", json ? "files" : source,
                "backfill.files", (json ? jsonLines : csv).toString(),
                "backfill.from", "2019-10-01", "backfill.until", "2019-10-02"), java.util.Optional.empty(), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.configure(env, config);
        io.github.flinklakehouse.jobs.backfill.BackfillWiring.create(config, catalogLoader()).addTo(env);

        StreamGraph graph = env.getStreamGraph(false);
        assertUniqueExplicitUids(graph);
        List<String> uids = graph.getStreamNodes().stream().map(StreamNode::getTransformationUID).toList();
        assertThat(uids).contains(ClickstreamJob.EVENT_TIME_RANGE_UID);
        if (json) {
            assertThat(uids).contains(io.github.flinklakehouse.jobs.backfill.files.JsonLinesFileInput.PARSE_UID,
                    ClickstreamJob.DEDUPE_UID);
        } else if (source.equals("files")) {
            // The dataset's CSV has no event_id: no dedupe branch, so nothing stands between the source and the raw sink.
            assertThat(uids).doesNotContain(ClickstreamJob.DEDUPE_UID, ClickstreamJob.WITHOUT_EVENT_ID_UID);
        } else {
            assertThat(uids).contains(ClickstreamJob.DEDUPE_UID);
        }
    }

    private static void assertUniqueExplicitUids(StreamGraph graph) {

        List<String> missing = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getTransformationUID() == null) {
                missing.add(node.getOperatorName());
            } else {
                uids.add(node.getTransformationUID());
            }
        }
        assertThat(missing).as("operators without uid").isEmpty();
        Map<String, Long> counts = uids.stream().collect(Collectors.groupingBy(u -> u, Collectors.counting()));
        assertThat(counts).as("duplicate uids").allSatisfy((uid, count) -> assertThat(count).as(uid).isEqualTo(1L));
        // Flink derives the committer and pre-commit ids from the sink uid, so all stay ours and stable.
        assertThat(uids).allSatisfy(uid -> assertThat(uid).matches(".*clickstream(-quality|-rejected)?\\..*"));
    }

    private CatalogLoader catalogLoader() throws Exception {
        CatalogLoader catalogLoader = CatalogLoader.hadoop(
                "test", new Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        Catalog catalog = catalogLoader.loadCatalog();
        LakeTables.ensureRawTables(catalog);
        LakeTables.ensure(catalog, WarehouseLakeSinks.definitions(WarehouseSettings.defaults()));
        return catalogLoader;
    }

    private StreamGraph productionGraph() throws Exception {
        return productionGraph(Map.of());
    }

    private StreamGraph productionGraph(Map<String, String> options) throws Exception {
        CatalogLoader catalogLoader = catalogLoader();

        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.configure(env, config);
        ClickstreamWiring.create(config, catalogLoader).addTo(env);
        return env.getStreamGraph(false);
    }
}

package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.pipeline.PipelineJob;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.flink.CatalogLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The road-traffic pipeline as the registry serves it: its jobs, options and tables, and explicit uids everywhere. */
class RoadTrafficTopologyTest {

    @TempDir
    Path warehouse;

    @Test
    void everyOperatorHasAnExplicitUidOfThePipeline() {
        CatalogLoader catalog = CatalogLoader.hadoop("test", new Configuration(),
                Map.of("warehouse", warehouse.toUri().toString()));
        LakeTables.ensure(catalog.loadCatalog(), RawTables.ROAD_TRAFFIC);
        LakehouseConfig config = LakehouseJobs.PIPELINES.defaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.configure(env, config);
        RoadTrafficWiring.create(config, catalog, Clock.fixed(Instant.parse("2026-09-19T04:07:00Z"), ZoneOffset.UTC))
                .addTo(env);

        List<String> uids = env.getStreamGraph(false).getStreamNodes().stream()
                .map(StreamNode::getTransformationUID).toList();
        assertThat(uids).doesNotContainNull().doesNotHaveDuplicates()
                .allSatisfy(uid -> assertThat(uid.replace("Sink Committer: ", ""))
                        .matches("road-traffic(-rejected)?\\..*"))
                .contains("road-traffic.kec-source.v1", "road-traffic.kma-source.v1", "road-traffic.parse-traffic.v1",
                        "road-traffic.marts.tollgate-traffic-hourly.v2",
                        "road-traffic.marts.tollgate-top-daily.rank.v2",
                        "road-traffic.marts.region-congestion-hourly.trailing.v2",
                        "road-traffic.marts.traffic-weather-hourly.v2", "road-traffic.marts.pre-aggregate-2.v2",
                        "road-traffic.weather-watermarks.v1", "road-traffic.weather-late-filter.v1",
                        "road-traffic.weather-project.v1", "road-traffic.region-congestion-hourly-sink.v1",
                        "road-traffic.traffic-weather-hourly-sink.v1",
                        "road-traffic.tollgate-traffic-daily-sink.v1", "road-traffic.rejected-sink.v1",
                        "road-traffic.rejected-daily.late-filter.v1", "road-traffic-rejected.rejected-daily-sink.v1");
    }

    @Test
    void theRegistryServesTheRoadTrafficJobsOptionsAndTables() {
        assertThat(LakehouseJobs.PIPELINES.jobNames()).contains("road-traffic", "road-traffic-backfill");
        assertThat(LakehouseJobs.PIPELINES.usage()).contains("Pipeline road-traffic:")
                .contains("--road-traffic.kec.key-env").contains("LAKEHOUSE_ROAD_TRAFFIC_KEC_KEY_ENV");
        LakehouseConfig config = LakehouseJobs.PIPELINES.defaults();
        assertThat(LakehouseJobs.PIPELINES.pipeline("road-traffic").martTables(config)).extracting(t -> t.name())
                .containsExactly("tollgate_traffic_hourly", "tollgate_traffic_daily", "tollgate_top_daily",
                        "tollgate_volatility_daily", "region_congestion_hourly", "traffic_weather_hourly",
                        "pipeline_freshness", "rejected_daily");
        assertThat(config.settings(RoadTrafficOptions.GROUP).kec().toString()).contains("$KEC_API_KEY");

        assertThatThrownBy(() -> load(Map.of("road-traffic.start", "2026-09-19T00:05:00Z",
                "road-traffic.kec.key-env", "my secret key", "road-traffic.kma.publish-delay", "2 h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("road-traffic.start: must be a multiple of 15 minutes")
                .hasMessageContaining("road-traffic.kec.key-env: must be the name of an environment variable")
                .hasMessageContaining("road-traffic.kma.publish-delay: must be at most 1 h")
                .hasMessageNotContaining("my secret key'");
        assertThatThrownBy(() -> load(Map.of("road-traffic.end", "2026-09-19T00:00:00Z")))
                .hasMessageContaining("road-traffic.end: needs road-traffic.start");
        PipelineJob backfill = LakehouseJobs.PIPELINES.job("road-traffic-backfill").orElseThrow().job();
        assertThatThrownBy(() -> backfill.prepare(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--road-traffic.end");
    }

    private static LakehouseConfig load(Map<String, String> options) {
        return LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(), Map.of());
    }
}

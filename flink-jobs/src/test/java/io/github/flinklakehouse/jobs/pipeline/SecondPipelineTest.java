package io.github.flinklakehouse.jobs.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamPipeline;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.pipeline.tollgate.GatePassage;
import io.github.flinklakehouse.jobs.pipeline.tollgate.TollGateOptions;
import io.github.flinklakehouse.jobs.pipeline.tollgate.TollGatePipeline;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/**
 * A second pipeline (its own event type, options and one mart; see {@code tollgate}) registered beside the
 * clickstream through the public pipeline API only: the registry resolves its jobs and options, and its live job
 * (STREAMING) and backfill (BATCH) write identical rows, equal to an independent count. Nothing of the clickstream
 * is copied: proof that the next pipelines need only what is their own.
 */
class SecondPipelineTest {

    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    private static final int PASSAGES = 20_000;
    private static final int GATES = 5;
    private static final List<GatePassage> INPUT = passages();
    private static final PipelineRegistry REGISTRY = LakehouseJobs.PIPELINES.with(new TollGatePipeline(INPUT));

    @Test
    void liveAndBackfillJobsOfTheSecondPipelineWriteIdenticalRowsEqualToAnIndependentCount() throws Exception {
        List<String> streamed = run("tollgate", "tollgate_streamed");
        List<String> backfilled = run("tollgate-backfill", "tollgate_backfilled");

        assertThat(streamed).hasSize(expectedRows().size()).containsExactlyElementsOf(expectedRows());
        assertThat(backfilled).containsExactlyElementsOf(streamed);
    }

    @Test
    void aSumPastSixtyFourBitsIsARefusedPartialNotAFailedJob() throws Exception {
        long hour = START.toEpochMilli();
        TollGatePipeline pipeline = new TollGatePipeline(List.of(new GatePassage(9, 1, Long.MAX_VALUE - 10, hour),
                new GatePassage(9, 2, 11, hour + 1_000)));
        PipelineRegistry registry = LakehouseJobs.PIPELINES.with(pipeline);

        List<String> rows = run(registry, "tollgate", "tollgate_overflow");

        // One passage's partial is refused whole (which one depends on arrival order); distinct vehicles come from
        // the dimension stage, which counted both.
        assertThat(rows).singleElement().satisfies(row -> assertThat(row)
                .matches("9 2026-03-02 6 1 2 (" + (Long.MAX_VALUE - 10) + "|11) .*"));
        assertThat(pipeline.refused()).singleElement().satisfies(refused -> {
            assertThat(refused.reason()).isEqualTo(MartSet.SUM_OVERFLOW);
            assertThat(refused.source()).isEqualTo("mart:gate-volume-hourly");
        });
    }

    @Test
    void theRegistryServesTheSecondPipelinesJobsOptionsAndTables() {
        assertThat(REGISTRY.jobNames()).contains("clickstream", "clickstream-backfill", "tollgate", "tollgate-backfill");
        assertThat(REGISTRY.usage()).contains("Pipeline tollgate:").contains("--tollgate.allowed-lateness")
                .contains("LAKEHOUSE_TOLLGATE_ALLOWED_LATENESS").contains("Pipeline clickstream:");
        LakehouseConfig config = REGISTRY.loadConfig(Map.of("tollgate.allowed-lateness", "2 min"), Optional.empty(),
                Map.of());
        assertThat(config.settings(TollGateOptions.GROUP).allowedLateness()).isEqualTo(Duration.ofMinutes(2));
        assertThat(REGISTRY.pipeline("tollgate").martTables(config)).extracting(table -> table.name())
                .containsExactly("gate_volume_hourly");
        assertThat(REGISTRY.pipeline("tollgate").backfillJob()).map(PipelineJob::name).contains("tollgate-backfill");
        assertThat(REGISTRY.pipeline("tollgate").replayJob()).isEmpty();

        assertThatThrownBy(() -> REGISTRY.loadConfig(Map.of("tollgate.allowed-lateness", "-1 min"), Optional.empty(),
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("tollgate.allowed-lateness");
        assertThatThrownBy(() -> REGISTRY.pipeline("toll"))
                .hasMessageContaining("Valid pipelines: clickstream, road-traffic, tollgate");
        assertThatThrownBy(() -> PipelineRegistry.of(new ClickstreamPipeline(), new ClickstreamPipeline()))
                .hasMessageContaining("Two pipelines define the job clickstream");
        // The clickstream's own registry knows nothing of the test pipeline.
        assertThat(LakehouseJobs.PIPELINES.jobNames()).doesNotContain("tollgate");
    }

    @Test
    void everyOperatorOfTheSecondPipelineHasAnExplicitUidOfItsOwn() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.build(env, REGISTRY.job("tollgate").orElseThrow().job(), config("unused"));
        List<String> uids = env.getStreamGraph().getStreamNodes().stream()
                .map(node -> node.getTransformationUID()).toList();
        assertThat(uids).doesNotContainNull().doesNotHaveDuplicates()
                .allSatisfy(uid -> assertThat(uid.replace("Sink Committer: ", "")).startsWith("tollgate."))
                .contains("tollgate.marts.gate-volume-hourly.v2", "tollgate.marts.by-vehicle.v2");
    }

    /** Runs a registered job as {@code main} would (prepare, shared settings, mode), returns its rows. */
    private static List<String> run(String jobName, String schema) throws Exception {
        return run(REGISTRY, jobName, schema);
    }

    private static List<String> run(PipelineRegistry registry, String jobName, String schema) throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        LakehouseConfig config = config(registry, schema);
        PipelineJob job = registry.job(jobName).orElseThrow().job();
        job.prepare(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.build(env, job, config);
        assertThat(env.getConfiguration().get(org.apache.flink.configuration.ExecutionOptions.RUNTIME_MODE))
                .isEqualTo(job.mode());
        env.execute(job.flinkJobName());
        return rows(schema);
    }

    private static LakehouseConfig config(String schema) {
        return config(REGISTRY, schema);
    }

    private static LakehouseConfig config(PipelineRegistry registry, String schema) {
        JdbcConnectionSettings postgres = TestPostgres.connection();
        return registry.loadConfig(Map.of("marts.jdbc.url", postgres.url(), "marts.jdbc.user", postgres.user(),
                "marts.schema", schema, "pipeline.parallelism", "2", "marts.flush-interval", "200 ms"),
                Optional.empty(), Map.of("LAKEHOUSE_MARTS_JDBC_PASSWORD", postgres.password()));
    }

    private static List<String> rows(String schema) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT gate_id, event_date, hour, vehicles, "
                        + "distinct_vehicles, axles, heaviest FROM " + schema + ".gate_volume_hourly "
                        + "ORDER BY gate_id, event_date, hour")) {
            while (result.next()) {
                rows.add(result.getInt(1) + " " + result.getDate(2).toLocalDate() + " " + result.getInt(3) + " "
                        + result.getLong(4) + " " + result.getLong(5) + " " + result.getLong(6) + " "
                        + result.getLong(7));
            }
        }
        return rows;
    }

    /** The rows counted directly from the input, in the mart's order. */
    private static List<String> expectedRows() {
        TreeMap<String, List<GatePassage>> byGateHour = new TreeMap<>();
        for (GatePassage passage : INPUT) {
            Instant hour = Instant.ofEpochMilli(passage.passedAt() - Math.floorMod(passage.passedAt(), 3_600_000L));
            String key = String.format("%05d %s", passage.gateId(), hour);
            byGateHour.computeIfAbsent(key, k -> new ArrayList<>()).add(passage);
        }
        List<String> rows = new ArrayList<>();
        byGateHour.forEach((key, passages) -> {
            Instant hour = Instant.parse(key.substring(6));
            Set<Long> vehicles = new HashSet<>();
            long axles = 0;
            long heaviest = 0;
            for (GatePassage passage : passages) {
                vehicles.add(passage.vehicleId());
                axles += passage.axles();
                heaviest = Math.max(heaviest, passage.axles());
            }
            rows.add(passages.get(0).gateId() + " " + hour.atZone(java.time.ZoneOffset.UTC).toLocalDate() + " "
                    + hour.atZone(java.time.ZoneOffset.UTC).getHour() + " " + passages.size() + " " + vehicles.size()
                    + " " + axles + " " + heaviest);
        });
        return rows;
    }

    /** Passages over five hours, a little out of order (well within the watermark lag), vehicles passing often. */
    private static List<GatePassage> passages() {
        Random random = new Random(42);
        List<GatePassage> passages = new ArrayList<>();
        long step = Duration.ofHours(5).toMillis() / PASSAGES;
        for (int i = 0; i < PASSAGES; i++) {
            long time = START.toEpochMilli() + i * step - random.nextInt(20_000);
            passages.add(new GatePassage(1 + random.nextInt(GATES), random.nextInt(3_000), 2 + random.nextInt(5),
                    time));
        }
        return passages;
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.marts.engine.OnTimeEvents;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.engine.MartEngineSettings;
import io.github.flinklakehouse.jobs.marts.engine.MartInputs;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.PipelineFreshness;
import io.github.flinklakehouse.jobs.marts.engine.PipelineFreshnessRow;
import io.github.flinklakehouse.jobs.testing.CollectingMartSinks;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pipeline_freshness} in a real job (MiniCluster, parallelism 2): the late events it counts are exactly
 * those the late-event filter split off, the final watermark reaches it through both inputs, and at end of input
 * it reports the largest event time + 1 ms as complete, written through the production upsert sink into a real
 * PostgreSQL.
 *
 * <p>The events come in a fixed order from one source instance with a watermark after every event, so which
 * events are late is decided by the data alone, not by timing.
 */
class PipelineFreshnessMartTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(1);
    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final ClickstreamSettings SETTINGS =
            new ClickstreamSettings(OUT_OF_ORDERNESS, Duration.ofSeconds(30), LATENESS, Duration.ofMillis(100));
    private static final String SCHEMA = "marts_freshness";

    /** In delivery order; the watermark after each event is its running max event time - 1 minute. */
    private static final List<IngestedClickEvent> EVENTS = List.of(
            view("2019-10-01T12:00:00Z", 1, "s1"),
            view("2019-10-01T12:30:00Z", 2, "s2"),
            view("2019-10-01T13:00:00Z", 3, "s3"),   // watermark 12:59
            view("2019-10-01T12:40:00Z", 4, "s4"),   // late: 12:40 + 10 min <= 12:59
            view("2019-10-01T12:55:00Z", 5, "s5"),   // counts: 13:05 > 12:59
            view("2019-10-01T11:00:00Z", 6, "s6"),   // late
            view("2019-10-01T14:00:00Z", 7, "s7"),   // watermark 13:59
            view("2019-10-01T13:49:00Z", 8, "s8"),   // late: 13:59 <= 13:59
            view("2019-10-01T13:49:01Z", 9, "s9"));  // counts
    private static final long LATE_EVENTS = 3;
    private static final Instant COMPLETE_AT_END = Instant.parse("2019-10-01T14:00:00.001Z");

    @Test
    void countsExactlyTheLateEventsAndReportsTheEndOfInputInPostgres() throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        for (MartTable<?> table : marts().tables()) {
            table.ensure(TestPostgres.connection(), SCHEMA);
        }

        run(RuntimeExecutionMode.STREAMING, new JdbcMartSinks(TestPostgres.connection(), SCHEMA, Duration.ofMillis(100)));

        List<PipelineFreshnessRow> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT " + String.join(", ", PipelineFreshness.TABLE.columns())
                        + " FROM " + SCHEMA + ".pipeline_freshness")) {
            while (result.next()) {
                rows.add(new PipelineFreshnessRow(result.getString(1), instant(result, 2), instant(result, 3),
                        result.getLong(4), result.getObject(5, Long.class), instant(result, 6),
                        result.getObject(7, Long.class), result.getBoolean(8)));
            }
        }
        assertThat(rows).containsExactlyInAnyOrder(
                finalRow("traffic_hourly", LATE_EVENTS), finalRow("traffic_daily", LATE_EVENTS));
    }

    @Test
    void batchRunsReportTheEndOfInputWithoutLateEvents() throws Exception {
        CollectingMartSinks sinks = new CollectingMartSinks();
        run(RuntimeExecutionMode.BATCH, sinks);
        // In BATCH mode there is no watermark before the end, so nothing is late.
        assertThat(sinks.rows(PipelineFreshness.TABLE)).filteredOn(PipelineFreshnessRow::inputFinished)
                .containsExactlyInAnyOrder(finalRow("traffic_hourly", 0), finalRow("traffic_daily", 0));
    }

    private static Instant instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime value = result.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static PipelineFreshnessRow finalRow(String mart, long lateEvents) {
        return new PipelineFreshnessRow(mart, COMPLETE_AT_END, COMPLETE_AT_END, lateEvents, null, null, null, true);
    }

    private static void run(RuntimeExecutionMode mode, MartSinks sinks) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.setRuntimeMode(mode);
        env.setParallelism(2);

        SingleOutputStreamOperator<IngestedClickEvent> events = env
                .fromData(EVENTS, TypeInformation.of(IngestedClickEvent.class)).uid("clickstream.test-source.v1")
                .setParallelism(1)
                .assignTimestampsAndWatermarks(watermarkAfterEveryEvent()).uid("clickstream.test-watermarks.v1")
                .setParallelism(1);
        SingleOutputStreamOperator<IngestedClickEvent> onTime = events.rebalance()
                .process(new OnTimeEvents<>(LATENESS, event -> event.event().eventTime().toEpochMilli(),
                        TypeInformation.of(IngestedClickEvent.class)), TypeInformation.of(IngestedClickEvent.class))
                .uid("clickstream.test-late-filter.v1");
        DataStream<ClickMartEvent> counted = onTime
                .map(new ClickMartEvent.Projection(), TypeInformation.of(ClickMartEvent.class))
                .uid("clickstream.test-projection.v1");
        DataStream<Long> lateTimes = onTime.getSideOutput(OnTimeEvents.lateEventsOf(TypeInformation.of(IngestedClickEvent.class)))
                .map(event -> event.event().eventTime().toEpochMilli(), Types.LONG)
                .uid("clickstream.test-late-times.v1");
        marts().addTo(new MartInputs<>(counted, lateTimes,
                new MartEngineSettings(LATENESS, SETTINGS.martsFlushInterval()), null), sinks);

        env.executeAsync("pipeline-freshness-" + mode).getJobExecutionResult().get(2, TimeUnit.MINUTES);
    }

    /** The two traffic marts and pipeline_freshness reporting on them. */
    private static MartSet<ClickMartEvent> marts() {
        MartSet.Builder<ClickMartEvent> marts = MartSet.builder(ClickstreamMarts.PIPELINE,
                TypeInformation.of(ClickMartEvent.class), event -> event.eventTime);
        TrafficHourlyMart.declare(marts);
        TrafficDailyMart.declare(marts);
        return marts.withFreshness().build();
    }

    /** Watermark = largest event time so far - out-of-orderness, emitted after every event. */
    private static WatermarkStrategy<IngestedClickEvent> watermarkAfterEveryEvent() {
        return WatermarkStrategy.<IngestedClickEvent>forGenerator(context -> new WatermarkGenerator<>() {
            private long max = Long.MIN_VALUE;

            @Override
            public void onEvent(IngestedClickEvent event, long eventTimestamp, WatermarkOutput output) {
                max = Math.max(max, eventTimestamp);
                output.emitWatermark(new Watermark(max - OUT_OF_ORDERNESS.toMillis()));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                // Only the punctuated watermarks above, so lateness depends on the data alone.
            }
        }).withTimestampAssigner((event, previous) -> event.event().eventTime().toEpochMilli());
    }
}

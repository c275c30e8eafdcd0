package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.pipeline.Pipeline;
import io.github.flinklakehouse.jobs.pipeline.PipelineJob;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficSettings;
import io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The road-traffic pipeline: toll-gate counts (KEC) and weather forecasts (KMA) polled from HTTP APIs into
 * {@code raw.tollgate_traffic} / {@code raw.weather_forecast} and the traffic marts; its backfill is the same graph
 * over a bounded range of slots ({@code road-traffic.start} / {@code road-traffic.end}) in BATCH mode.
 */
public final class RoadTrafficPipeline implements Pipeline {

    public static final String NAME = RoadTrafficMarts.PIPELINE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "toll-gate traffic and weather forecasts polled from HTTP APIs to the lake and the traffic marts";
    }

    @Override
    public OptionGroup<?> options() {
        return RoadTrafficOptions.GROUP;
    }

    @Override
    public List<PipelineJob> jobs() {
        return List.of(new Job(NAME, RuntimeExecutionMode.STREAMING), new Job(NAME + "-backfill",
                RuntimeExecutionMode.BATCH));
    }

    @Override
    public List<MartTable<?>> martTables(LakehouseConfig config) {
        return RoadTrafficMarts.tablesWithRejected(config.settings(RoadTrafficOptions.GROUP));
    }

    /** The live job and the backfill: one graph, polling unbounded or over [start, end). */
    private static final class Job implements PipelineJob {
        private final String name;
        private final RuntimeExecutionMode mode;

        Job(String name, RuntimeExecutionMode mode) {
            this.name = name;
            this.mode = mode;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return mode == RuntimeExecutionMode.BATCH
                    ? "batch: poll the slots in [road-traffic.start, road-traffic.end) into the lake and marts.schema"
                    : "live: poll every new 15-minute slot into the raw tables and the traffic marts";
        }

        @Override
        public RuntimeExecutionMode mode() {
            return mode;
        }

        @Override
        public String flinkJobName() {
            return RoadTrafficJob.JOB_NAME + (mode == RuntimeExecutionMode.BATCH ? "-backfill" : "");
        }

        @Override
        public void prepare(LakehouseConfig config) throws Exception {
            RoadTrafficSettings settings = config.settings(RoadTrafficOptions.GROUP);
            if (mode == RuntimeExecutionMode.BATCH && settings.end() == null) {
                throw new ConfigException("--job " + name + " needs --" + RoadTrafficOptions.START.key() + " and --"
                        + RoadTrafficOptions.END.key() + " (see --help).");
            }
            RoadTrafficWiring.prepare(config);
        }

        @Override
        public void addTo(StreamExecutionEnvironment env, LakehouseConfig config) {
            RoadTrafficWiring.create(config).addTo(env);
        }
    }
}

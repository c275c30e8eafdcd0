package io.github.flinklakehouse.jobs.pipeline.tollgate;

import io.github.flinklakehouse.jobs.testing.CollectingSink;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.engine.MartEngineSettings;
import io.github.flinklakehouse.jobs.marts.engine.MartInputs;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.OnTimeEvents;
import io.github.flinklakehouse.jobs.pipeline.Pipeline;
import io.github.flinklakehouse.jobs.pipeline.PipelineJob;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A second pipeline, built only on the public pipeline and mart APIs: toll-gate passages to one mart. Its live job
 * and its backfill run the same graph, in STREAMING and BATCH; the passages are given (a test's fixed input), where
 * a real pipeline reads Kafka or an HTTP API.
 */
public final class TollGatePipeline implements Pipeline {

    public static final String NAME = "tollgate";

    private static final TypeInformation<GatePassage> PASSAGE = TypeInformation.of(GatePassage.class);

    private final List<GatePassage> passages;
    private final CollectingSink<DeadLetter> refusedSink = new CollectingSink<>();

    public TollGatePipeline(List<GatePassage> passages) {
        this.passages = List.copyOf(passages);
    }

    /** What the marts refused in the jobs run so far (a real pipeline writes them to its rejected table). */
    public List<DeadLetter> refused() {
        return refusedSink.results();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "toll-gate passages to gate_volume_hourly";
    }

    @Override
    public OptionGroup<?> options() {
        return TollGateOptions.GROUP;
    }

    @Override
    public List<PipelineJob> jobs() {
        return List.of(new GateJob(NAME, RuntimeExecutionMode.STREAMING), new GateJob(NAME + "-backfill",
                RuntimeExecutionMode.BATCH));
    }

    @Override
    public List<MartTable<?>> martTables(LakehouseConfig config) {
        return GateVolumeHourlyMart.marts().tables();
    }

    private final class GateJob implements PipelineJob {
        private final String name;
        private final RuntimeExecutionMode mode;

        GateJob(String name, RuntimeExecutionMode mode) {
            this.name = name;
            this.mode = mode;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return mode == RuntimeExecutionMode.BATCH ? "batch: the gate marts from the passages"
                    : "live: the gate marts from the passages";
        }

        @Override
        public RuntimeExecutionMode mode() {
            return mode;
        }

        @Override
        public String flinkJobName() {
            return "lakehouse-" + name;
        }

        @Override
        public void prepare(LakehouseConfig config) throws Exception {
            MartTable.ensureAll(config.marts().connection(), config.marts().schema(), martTables(config));
        }

        @Override
        public void addTo(StreamExecutionEnvironment env, LakehouseConfig config) {
            TollGateSettings settings = config.settings(TollGateOptions.GROUP);
            DataStream<GatePassage> timed = env.fromData(passages, PASSAGE).uid(NAME + ".source.v1").name("Passages")
                    .assignTimestampsAndWatermarks(WatermarkStrategy
                            .<GatePassage>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                            .withTimestampAssigner((passage, previous) -> passage.passedAt()))
                    .uid(NAME + ".watermarks.v1").name("Passage watermarks");
            OnTimeEvents<GatePassage> lateness = new OnTimeEvents<>(settings.allowedLateness(), GatePassage::passedAt,
                    PASSAGE);
            SingleOutputStreamOperator<GatePassage> onTime = timed.process(lateness, PASSAGE)
                    .uid(NAME + ".late-filter.v1").name("Split off late passages");
            DataStream<Long> lateTimes = onTime.getSideOutput(lateness.lateEvents())
                    .map(GatePassage::passedAt, Types.LONG).uid(NAME + ".late-times.v1").name("Late passage times");
            MartSet<GatePassage> marts = GateVolumeHourlyMart.marts();
            Duration flush = config.marts().flushInterval();
            List<DataStream<DeadLetter>> refused = marts.addTo(
                    new MartInputs<>(onTime, lateTimes, new MartEngineSettings(settings.allowedLateness(), flush), null),
                    new JdbcMartSinks(config.marts().connection(), config.marts().schema(), flush));
            DataStream<DeadLetter> deadLetters = refused.get(0);
            for (DataStream<DeadLetter> more : refused.subList(1, refused.size())) {
                deadLetters = deadLetters.union(more);
            }
            deadLetters.sinkTo(refusedSink).uid(NAME + ".refused-sink.v1").name("Refused by the marts");
        }
    }
}

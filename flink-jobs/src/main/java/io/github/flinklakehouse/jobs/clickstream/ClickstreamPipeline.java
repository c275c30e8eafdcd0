package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.jobs.backfill.BackfillTotals;
import io.github.flinklakehouse.jobs.backfill.BackfillWiring;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamOptions;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.config.BackfillSource;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.config.ReplayOptions;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.range.RangeLakeCopy;
import io.github.flinklakehouse.jobs.marts.range.RangeMerge;
import io.github.flinklakehouse.jobs.pipeline.BackfillCheck;
import io.github.flinklakehouse.jobs.pipeline.Pipeline;
import io.github.flinklakehouse.jobs.pipeline.PipelineJob;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyMart;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.replay.RejectedEventsReplay;
import io.github.flinklakehouse.jobs.replay.ReplayWiring;
import io.github.flinklakehouse.jobs.warehouse.FactCompletenessCheck;
import io.github.flinklakehouse.jobs.warehouse.WarehouseLakeCopy;
import io.github.flinklakehouse.jobs.warehouse.WarehouseOptions;
import io.github.flinklakehouse.jobs.warehouse.WarehouseRangeMerge;
import io.github.flinklakehouse.jobs.warehouse.WarehouseSettings;
import io.github.flinklakehouse.jobs.warehouse.WarehouseTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The e-commerce clickstream pipeline: events from Kafka to {@code raw.clickstream_events} and the clickstream marts;
 * its backfill (files, the lake or a Kafka range) and its replay of fixed dead letters.
 */
public final class ClickstreamPipeline implements Pipeline {

    /** The pipeline's name, and the prefix of its jobs and operator uids. */
    public static final String NAME = ClickstreamMarts.PIPELINE;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "e-commerce clickstream: Kafka events to the lake and the funnel, traffic, product and session marts";
    }

    @Override
    public OptionGroup<?> options() {
        return ClickstreamOptions.GROUP;
    }

    @Override
    public List<OptionGroup<?>> extraOptions() {
        return List.of(WarehouseOptions.GROUP);
    }

    @Override
    public List<PipelineJob> jobs() {
        return List.of(new LiveJob(), new ReplayJob(), new BackfillJob());
    }

    @Override
    public List<MartTable<?>> martTables(LakehouseConfig config) {
        // data_quality_daily too: its rows, if rules are declared, are replaced by a backfill's as the marts' are.
        List<MartTable<?>> tables =
                new ArrayList<>(ClickstreamMarts.tables(ClickstreamConfig.of(config).clickstream()));
        tables.add(DataQualityDailyMart.TABLE);
        // rejected_daily too, unless the input is the lake: it holds only the valid events, so a lake backfill (and
        // parity, which reads the lake) cannot see the records rejected on the way in and leaves the table as it is.
        if (config.backfill().source() != BackfillSource.LAKE) {
            tables.add(RejectedDailyMart.TABLE);
        }
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        if (warehouse.enabled()) {
            tables.addAll(WarehouseTables.of(warehouse));
        }
        return tables;
    }

    /** With the warehouse: the staging-vs-fact completeness ({@code warehouse.backfill.min-completeness}). */
    @Override
    public List<BackfillCheck> backfillChecks(LakehouseConfig config) {
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        return warehouse.enabled() ? List.of(new FactCompletenessCheck(warehouse.minCompleteness())) : List.of();
    }

    @Override
    public List<RangeMerge> rangeMerges(LakehouseConfig config) {
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        return warehouse.enabled() ? List.of(new WarehouseRangeMerge(warehouse.trackedAttributes(),
                warehouse.rewriteLiveState())) : List.of();
    }

    /** With the warehouse and {@code warehouse.backfill.write-lake}: its lake copies ({@code curated.*}). */
    @Override
    public List<RangeLakeCopy> rangeLakeCopies(LakehouseConfig config) {
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        return warehouse.enabled() && warehouse.backfillWritesLake()
                ? List.of(new WarehouseLakeCopy(config.catalog().catalogLoader(), warehouse)) : List.of();
    }

    /** The live job: Kafka to the raw tables and the marts. */
    private static final class LiveJob implements PipelineJob {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String description() {
            return "live: Kafka topic clickstream.kafka.topic to the raw tables and the marts";
        }

        @Override
        public RuntimeExecutionMode mode() {
            return RuntimeExecutionMode.STREAMING;
        }

        @Override
        public String flinkJobName() {
            return ClickstreamJob.JOB_NAME;
        }

        @Override
        public void prepare(LakehouseConfig config) throws Exception {
            ClickstreamWiring.prepare(config);
        }

        @Override
        public void addTo(StreamExecutionEnvironment env, LakehouseConfig config) {
            ClickstreamWiring.create(config).addTo(env);
        }
    }

    /** The backfill: the live job's graph over a bounded input, into {@code marts.schema}. */
    private static final class BackfillJob implements PipelineJob {
        @Override
        public String name() {
            return NAME + "-backfill";
        }

        @Override
        public String description() {
            return "batch: recompute the marts (and optionally the raw tables) from files, the lake or Kafka";
        }

        @Override
        public RuntimeExecutionMode mode() {
            return RuntimeExecutionMode.BATCH;
        }

        @Override
        public String flinkJobName() {
            return BackfillWiring.JOB_NAME;
        }

        @Override
        public void prepare(LakehouseConfig config) throws Exception {
            if (config.backfill().source() == null) {
                throw new ConfigException("--job " + name() + " needs --backfill.source files|lake|kafka (see --help).");
            }
            ClickstreamWiring.prepare(config);
        }

        @Override
        public void addTo(StreamExecutionEnvironment env, LakehouseConfig config) {
            BackfillWiring.create(config).addTo(env);
        }

        @Override
        public Configuration globalJobParameters(LakehouseConfig config) {
            return BackfillTotals.of(config.backfill(), config.catalog().catalogLoader());
        }
    }

    /** The replay: re-parses dead letters of one fixable reason into the raw table. */
    private static final class ReplayJob implements PipelineJob {
        @Override
        public String name() {
            return NAME + "-replay";
        }

        @Override
        public String description() {
            return "batch: re-read rejected records of --replay.reason after a fix, into the raw table";
        }

        @Override
        public RuntimeExecutionMode mode() {
            return RuntimeExecutionMode.BATCH;
        }

        @Override
        public String flinkJobName() {
            return RejectedEventsReplay.JOB_NAME;
        }

        /**
         * Only a validation failure that a fix can cure is replayed: DUPLICATE_EVENT_ID and LATE records were valid
         * events (the original or the event itself is already in the raw table), so replaying them would count
         * them twice.
         */
        @Override
        public void prepare(LakehouseConfig config) throws Exception {
            String reason = config.replay().reason();
            List<String> replayable = Arrays.stream(RejectReason.values())
                    .filter(RejectReason::replayable).map(Enum::name).toList();
            if (reason == null) {
                throw new ConfigException("--job " + name() + " needs --" + ReplayOptions.REPLAY_REASON.key()
                        + " <CODE>, one of " + String.join(", ", replayable) + " (see --help).");
            }
            if (!replayable.contains(reason)) {
                throw new ConfigException("Invalid configuration:\n  " + ReplayOptions.REPLAY_REASON.key()
                        + ": must be one of " + String.join(", ", replayable) + " but was '" + reason + "'");
            }
            ClickstreamWiring.prepare(config);
        }

        @Override
        public void addTo(StreamExecutionEnvironment env, LakehouseConfig config) {
            ReplayWiring.create(config).addTo(env);
        }
    }
}

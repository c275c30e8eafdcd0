package io.github.flinklakehouse.jobs.quality;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.marts.MartPeriod;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import io.github.flinklakehouse.jobs.marts.engine.Aggregation;
import io.github.flinklakehouse.jobs.marts.engine.MartEngineSettings;
import io.github.flinklakehouse.jobs.marts.engine.MartInputs;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.marts.engine.Measure;
import io.github.flinklakehouse.jobs.marts.engine.OnTimeEvents;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code data_quality_daily}: per UTC day (of the records' event time), pipeline and rule, how many records
 * the rule checked, passed and failed; primary key {@code (event_date, pipeline, rule)}. Computed by the mart engine
 * from the {@link QualityOutcome}s, so it is exact in STREAMING and BATCH alike.
 */
public final class DataQualityDailyMart {

    /** Names the aggregation's operator {@code <pipeline>-quality.marts.data-quality-daily.v2}. */
    public static final String AGGREGATION = "data-quality-daily";

    public static final MartTable<DataQualityDailyRow> TABLE = MartTable.builder("data_quality_daily",
                    DataQualityDailyRow.class)
            .purpose("per UTC day, pipeline and data-quality rule: records checked, passed and failed")
            .column("event_date", SqlType.DATE, DataQualityDailyRow::eventDate)
            .column("pipeline", SqlType.TEXT, DataQualityDailyRow::pipeline)
            .column("rule", SqlType.TEXT, DataQualityDailyRow::rule)
            .column("checked", SqlType.BIGINT, DataQualityDailyRow::checked)
            .column("passed", SqlType.BIGINT, DataQualityDailyRow::passed)
            .column("failed", SqlType.BIGINT, DataQualityDailyRow::failed)
            .key("event_date", "pipeline", "rule")
            .period(MartPeriod.day("event_date"))
            .sharedByPipelines("pipeline")
            .build();

    private DataQualityDailyMart() {
    }

    /** The marts of {@code pipeline}'s outcomes (their uids start with {@code <pipeline>-quality}). */
    public static MartSet<QualityOutcome> of(String pipeline) {
        MartSet.Builder<QualityOutcome> marts = MartSet.builder(pipeline + "-quality",
                TypeInformation.of(QualityOutcome.class), QualityOutcome::eventTime);
        Aggregation.Builder<QualityOutcome, Tuple2<Long, String>> daily = Aggregation.builder(AGGREGATION,
                Types.TUPLE(Types.LONG, Types.STRING),
                (outcome, keys) -> keys.accept(Tuple2.of(UtcPeriod.DAY.startOf(outcome.eventTime()), outcome.rule())),
                key -> key.f0 + UtcPeriod.DAY_MILLIS);
        Measure checked = daily.count("checked");
        Measure passed = daily.countIf("passed", QualityOutcome::passed);
        marts.table(daily.build(), (key, v) -> new DataQualityDailyRow(Instant.ofEpochMilli(key.f0), pipeline, key.f1,
                checked.of(v), passed.of(v), checked.of(v) - passed.of(v)),
                TypeInformation.of(DataQualityDailyRow.class), TABLE);
        return marts.build();
    }

    /**
     * Adds {@code data_quality_daily} of {@code pipeline} after the stage's {@code outcomes}: the same lateness
     * decision as the pipeline's other marts (an outcome later than the allowed lateness is not counted, like its record), then
     * the mart engine.
     *
     * @return the dead letters of what the mart refused (sum overflow)
     */
    public static List<DataStream<DeadLetter>> addTo(String pipeline, DataStream<QualityOutcome> outcomes,
            MartEngineSettings engine, MartSinks sinks) {
        TypeInformation<QualityOutcome> type = TypeInformation.of(QualityOutcome.class);
        SingleOutputStreamOperator<QualityOutcome> onTime = outcomes
                .process(new OnTimeEvents<>(engine.allowedLateness(), QualityOutcome::eventTime, type), type)
                .uid(pipeline + ".quality.late-filter.v1")
                .name("Split off late quality outcomes");
        DataStream<Long> lateTimes = onTime.getSideOutput(OnTimeEvents.lateEventsOf(type))
                .map(QualityOutcome::eventTime, Types.LONG)
                .uid(pipeline + ".quality.late-times.v1")
                .name("Event times of late quality outcomes");
        return of(pipeline).addTo(new MartInputs<>(onTime, lateTimes, engine, null), sinks);
    }
}

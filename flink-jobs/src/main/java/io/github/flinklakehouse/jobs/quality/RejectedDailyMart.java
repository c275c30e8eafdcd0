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
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code rejected_daily}: per UTC day of the records' {@code seen_at}, pipeline, source kind and reason, how
 * many records the pipeline rejected; primary key {@code (seen_date, pipeline, source, reason)}. Computed by the mart
 * engine from the same dead letters the pipeline writes to {@code raw.rejected_events}, so a row equals
 * {@code count(*)} of that table's rows of the day, source and reason.
 *
 * <p>The day is {@code seen_at}'s, not the event time's: a record that could not be parsed has no event time, and
 * {@code seen_at} is the record's origin timestamp (the Kafka record timestamp, the file's modification time, the
 * ingestion time kept in the lake), the same when a backfill reads the record again. The dead letters get watermarks
 * of their own from {@code seen_at}, so a day closes (and its state is cleared) once the dead letters' watermark
 * passes its end plus the allowed lateness; a dead letter seen later than that is in {@code raw.rejected_events} and
 * in the late filter's {@code lateEvents} metric, but not counted here (it would overwrite a final row).
 *
 * <pre>
 *  dead letters (every kind) ─> watermarks of seen_at ─> OnTimeEvents ─> mart engine (count per day, source, reason)
 *     uid &lt;pipeline&gt;.rejected-daily.watermarks.v1, .rejected-daily.late-filter.v1 ─> rejected_daily upserts
 * </pre>
 */
public final class RejectedDailyMart {

    /** Names the aggregation's operator {@code <pipeline>-rejected.marts.rejected-daily.v2}. */
    public static final String AGGREGATION = "rejected-daily";

    public static final MartTable<RejectedDailyRow> TABLE = MartTable.builder("rejected_daily", RejectedDailyRow.class)
            .purpose("per UTC day of seen_at, pipeline, source kind and reason: records rejected (raw.rejected_events)")
            .column("seen_date", SqlType.DATE, RejectedDailyRow::seenDate)
            .column("pipeline", SqlType.TEXT, RejectedDailyRow::pipeline)
            .column("source", SqlType.TEXT, RejectedDailyRow::source)
            .column("reason", SqlType.TEXT, RejectedDailyRow::reason)
            .column("rejected", SqlType.BIGINT, RejectedDailyRow::rejected)
            .key("seen_date", "pipeline", "source", "reason")
            .period(MartPeriod.day("seen_date"))
            .sharedByPipelines("pipeline")
            .build();

    private RejectedDailyMart() {
    }

    /** The mart of {@code pipeline}'s dead letters (its uids start with {@code <pipeline>-rejected}). */
    public static MartSet<DeadLetter> of(String pipeline) {
        MartSet.Builder<DeadLetter> marts = MartSet.builder(pipeline + "-rejected",
                TypeInformation.of(DeadLetter.class), RejectedDailyMart::seenAt);
        Aggregation.Builder<DeadLetter, Tuple3<Long, String, String>> daily = Aggregation.builder(AGGREGATION,
                Types.TUPLE(Types.LONG, Types.STRING, Types.STRING),
                (letter, keys) -> keys.accept(Tuple3.of(UtcPeriod.DAY.startOf(seenAt(letter)), letter.source(),
                        letter.reason())),
                key -> key.f0 + UtcPeriod.DAY_MILLIS);
        Measure rejected = daily.count("rejected");
        marts.table(daily.build(), (key, v) -> new RejectedDailyRow(Instant.ofEpochMilli(key.f0), pipeline, key.f1,
                key.f2, rejected.of(v)), TypeInformation.of(RejectedDailyRow.class), TABLE);
        return marts.build();
    }

    /**
     * Adds {@code rejected_daily} of {@code pipeline} after its {@code deadLetters} (all of them, as they go to the
     * rejected table): watermarks of {@code seen_at} ({@code maxOutOfOrderness}, {@code idleness}: the pipeline's),
     * the pipeline's lateness decision, then the mart engine.
     *
     * @return what goes to the rejected table: {@code deadLetters} and the dead letters of what this mart refused
     *     (sum overflow; not counted here)
     */
    public static DataStream<DeadLetter> addTo(String pipeline, DataStream<DeadLetter> deadLetters,
            Duration maxOutOfOrderness, Duration idleness, MartEngineSettings engine, MartSinks sinks) {
        TypeInformation<DeadLetter> type = TypeInformation.of(DeadLetter.class);
        SingleOutputStreamOperator<DeadLetter> timed = deadLetters
                .assignTimestampsAndWatermarks(WatermarkStrategy.<DeadLetter>forBoundedOutOfOrderness(maxOutOfOrderness)
                        .withTimestampAssigner((letter, previous) -> seenAt(letter))
                        .withIdleness(idleness))
                .uid(pipeline + ".rejected-daily.watermarks.v1")
                .name("Seen-at watermarks of dead letters");
        SingleOutputStreamOperator<DeadLetter> onTime = timed
                .process(new OnTimeEvents<>(engine.allowedLateness(), RejectedDailyMart::seenAt, type), type)
                .uid(pipeline + ".rejected-daily.late-filter.v1")
                .name("Split off late dead letters");
        DataStream<Long> lateTimes = onTime.getSideOutput(OnTimeEvents.lateEventsOf(type))
                .map(RejectedDailyMart::seenAt, Types.LONG)
                .uid(pipeline + ".rejected-daily.late-times.v1")
                .name("Seen-at times of late dead letters");
        DataStream<DeadLetter> toWrite = deadLetters;
        for (DataStream<DeadLetter> refused : of(pipeline).addTo(new MartInputs<>(onTime, lateTimes, engine, null),
                sinks)) {
            toWrite = toWrite.union(refused);
        }
        return toWrite;
    }

    private static long seenAt(DeadLetter letter) {
        return letter.seenAt().toEpochMilli();
    }
}

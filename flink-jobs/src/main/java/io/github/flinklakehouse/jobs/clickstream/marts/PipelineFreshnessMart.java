package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The mart {@code pipeline_freshness}: one row per other mart table, primary key {@code (mart)}, saying up to
 * which event time the marts are complete, how many late events were recorded, the last checkpoint and the raw
 * table's snapshot.
 *
 * <pre>
 *  on-time events ─> EventTimeProgressProbe (parallel, max event time per watermark) ─┐
 *  late events ────> FreshnessSignal.lateEvent (parallel) ────────────────────────────┴─> PipelineFreshnessOperator
 *                                                                          (parallelism 1) ─> upsert sink (parallelism 1)
 * </pre>
 *
 * <p>Both inputs carry the watermarks of the late-event filter, so the operator's watermark is the one every
 * mart has seen.
 */
public final class PipelineFreshnessMart implements ClickstreamMart {

    public static final String PROBE_UID = "clickstream.pipeline-freshness.progress.v1";
    public static final String PROBE_NAME = "Event-time progress of on-time events";
    public static final String LATE_SIGNALS_UID = "clickstream.pipeline-freshness.late-signals.v1";
    public static final String LATE_SIGNALS_NAME = "Late events to freshness signals";
    public static final String UID = "clickstream.pipeline-freshness.v1";
    public static final String NAME = "Pipeline freshness";
    public static final String SINK_UID = "clickstream.pipeline-freshness-sink.v1";
    public static final String SINK_NAME = "pipeline_freshness upsert sink";

    /** The table, its columns in upsert parameter order and its key. */
    public static final MartTable<PipelineFreshnessRow> TABLE = new MartTable<>("pipeline_freshness",
            PipelineFreshnessRow.class,
            List.of("mart", "watermark", "complete_up_to", "late_events", "last_checkpoint_id", "last_checkpoint_at",
                    "raw_snapshot_id", "input_finished"),
            List.of("mart"),
            (statement, row) -> {
                statement.setString(1, row.mart());
                setInstant(statement, 2, row.watermark());
                setInstant(statement, 3, row.completeUpTo());
                statement.setLong(4, row.lateEvents());
                setLong(statement, 5, row.lastCheckpointId());
                setInstant(statement, 6, row.lastCheckpointAt());
                setLong(statement, 7, row.rawSnapshotId());
                statement.setBoolean(8, row.inputFinished());
            });

    private final List<String> marts;

    /** Reports on every other table of {@link ClickstreamMarts#tables()}. */
    public PipelineFreshnessMart() {
        this.marts = null;
    }

    /** Reports on the mart tables named {@code marts} (tests of a few marts). */
    public PipelineFreshnessMart(List<String> marts) {
        this.marts = List.copyOf(marts);
    }

    @Override
    public List<MartTable<?>> tables() {
        return List.of(TABLE);
    }

    @Override
    public List<DataStream<DeadLetter>> addTo(MartInputs inputs, MartSinks sinks) {
        DataStream<FreshnessSignal> progress = inputs.onTimeEvents()
                .transform(PROBE_NAME, TypeInformation.of(FreshnessSignal.class), new EventTimeProgressProbe())
                .uid(PROBE_UID);
        DataStream<FreshnessSignal> late = inputs.lateEvents()
                .map(e -> FreshnessSignal.lateEvent(e.event().eventTime().toEpochMilli()),
                        TypeInformation.of(FreshnessSignal.class))
                .uid(LATE_SIGNALS_UID)
                .name(LATE_SIGNALS_NAME);
        SingleOutputStreamOperator<PipelineFreshnessRow> rows = progress.union(late)
                .transform(NAME, TypeInformation.of(PipelineFreshnessRow.class), new PipelineFreshnessOperator(
                        reportedMarts(), inputs.settings().allowedLateness(), inputs.settings().martsFlushInterval(),
                        inputs.rawEventsTable()))
                .uid(UID)
                .setParallelism(1)
                .setMaxParallelism(1);
        // One writer, so a row can never be overtaken by an older row of the same mart in another writer.
        sinks.sinkFor(TABLE).bind(rows, SINK_UID, SINK_NAME).setParallelism(1);
        return List.of();
    }

    private List<String> reportedMarts() {
        if (marts != null) {
            return marts;
        }
        return ClickstreamMarts.tables().stream()
                .map(MartTable::name)
                .filter(name -> !name.equals(TABLE.name()))
                .toList();
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setTimestamp(index, Timestamp.from(value));
        }
    }

    private static void setLong(PreparedStatement statement, int index, Long value)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;

/**
 * The table {@code pipeline_freshness}: one row per mart table of a pipeline, primary key {@code (mart)}, saying up
 * to which event time the marts are complete, how many late events were recorded, the last checkpoint and the raw
 * table's snapshot. Every pipeline's {@link MartSet} can report into it ({@link MartSet.Builder#withFreshness()});
 * pipelines share the table, as their mart tables have distinct names.
 */
public final class PipelineFreshness {

    /** The table; its rows describe no event-time period, so no backfill range owns them. */
    public static final MartTable<PipelineFreshnessRow> TABLE = MartTable.builder("pipeline_freshness",
                    PipelineFreshnessRow.class)
            .purpose("how fresh each mart table is: the event-time watermark the marts have processed, the event time "
                    + "up to which they are complete and final, late events recorded, the last completed checkpoint "
                    + "and the raw Iceberg snapshot; rewritten at most once per flush interval")
            .column("mart", SqlType.TEXT, PipelineFreshnessRow::mart)
            .nullableColumn("watermark", SqlType.TIMESTAMPTZ, PipelineFreshnessRow::watermark)
            .nullableColumn("complete_up_to", SqlType.TIMESTAMPTZ, PipelineFreshnessRow::completeUpTo)
            .column("late_events", SqlType.BIGINT, PipelineFreshnessRow::lateEvents)
            .nullableColumn("last_checkpoint_id", SqlType.BIGINT, PipelineFreshnessRow::lastCheckpointId)
            .nullableColumn("last_checkpoint_at", SqlType.TIMESTAMPTZ, PipelineFreshnessRow::lastCheckpointAt)
            .nullableColumn("raw_snapshot_id", SqlType.BIGINT, PipelineFreshnessRow::rawSnapshotId)
            .column("input_finished", SqlType.BOOLEAN, PipelineFreshnessRow::inputFinished)
            .key("mart")
            .build();

    private PipelineFreshness() {
    }
}

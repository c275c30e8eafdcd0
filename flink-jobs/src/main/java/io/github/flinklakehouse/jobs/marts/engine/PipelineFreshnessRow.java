package io.github.flinklakehouse.jobs.marts.engine;

import java.time.Instant;

/**
 * One row of {@code marts.pipeline_freshness}: how far the marts have got, reported for one mart table.
 *
 * @param mart name of the mart table the row describes
 * @param watermark event-time watermark the marts have processed; {@code null} before the first; at end of
 *     input the largest event time seen + 1 ms
 * @param completeUpTo {@code watermark - allowed lateness} (at end of input equal to {@code watermark}): every
 *     event before it that will ever count has been counted, and rows of periods ending before it are final
 * @param lateEvents late events recorded (never counted) since the job first started
 * @param lastCheckpointId id of the last completed checkpoint, {@code null} before the first or in BATCH
 * @param lastCheckpointAt when it completed, {@code null} likewise
 * @param rawSnapshotId current snapshot of the Iceberg raw events table when the row was written, or {@code null}
 * @param inputFinished whether the input has ended (the final watermark arrived)
 */
public record PipelineFreshnessRow(
        String mart,
        Instant watermark,
        Instant completeUpTo,
        long lateEvents,
        Long lastCheckpointId,
        Instant lastCheckpointAt,
        Long rawSnapshotId,
        boolean inputFinished) {
}

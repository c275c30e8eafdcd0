package io.github.flinklakehouse.jobs.marts.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.flink.TableLoader;

/**
 * Computes {@code pipeline_freshness} (run it with parallelism 1): counts late events, follows the watermark
 * and the largest event time, remembers the last completed checkpoint, and emits one
 * {@link PipelineFreshnessRow} per mart table at most once per flush interval (only when something changed)
 * and at end of input.
 *
 * <p>A custom operator rather than a process function, because it must see every watermark (also when no
 * record follows), checkpoint completions and the end of input.
 */
public final class PipelineFreshnessOperator extends AbstractStreamOperator<PipelineFreshnessRow>
        implements OneInputStreamOperator<FreshnessSignal, PipelineFreshnessRow>, BoundedOneInput,
        ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    private final List<String> marts;
    private final long allowedLatenessMillis;
    private final long flushIntervalMillis;
    private final TableLoader rawEventsTable;

    private transient ListState<FreshnessState> checkpointed;
    private transient long lateEvents;
    private transient long maxEventTime;
    private transient Long lastCheckpointId;
    private transient Long lastCheckpointAt;
    private transient long watermark;
    private transient boolean inputFinished;
    private transient boolean changed;
    private transient Table rawTable;

    /**
     * @param marts the mart tables to report on, one row each
     * @param allowedLateness how far behind the watermark an event still counts
     * @param flushInterval least time between two emissions while the input runs
     * @param rawEventsTable the Iceberg raw events table whose snapshot is reported, or {@code null}
     */
    public PipelineFreshnessOperator(
            List<String> marts, Duration allowedLateness, Duration flushInterval, TableLoader rawEventsTable) {
        this.marts = List.copyOf(marts);
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must be >= 0, was " + allowedLateness);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be > 0, was " + flushInterval);
        }
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.flushIntervalMillis = flushInterval.toMillis();
        this.rawEventsTable = rawEventsTable;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointed = context.getOperatorStateStore().getListState(
                new ListStateDescriptor<>("freshness", TypeInformation.of(FreshnessState.class)));
        lateEvents = 0;
        maxEventTime = Long.MIN_VALUE;
        for (FreshnessState restored : checkpointed.get()) {
            // One entry per former instance; summing and taking maxima also covers a change of parallelism.
            lateEvents += restored.lateEvents();
            maxEventTime = Math.max(maxEventTime, restored.maxEventTime());
            if (restored.lastCheckpointId() != null
                    && (lastCheckpointId == null || restored.lastCheckpointId() > lastCheckpointId)) {
                lastCheckpointId = restored.lastCheckpointId();
                lastCheckpointAt = restored.lastCheckpointAt();
            }
        }
        watermark = Long.MIN_VALUE;
        changed = true;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (rawEventsTable != null) {
            rawEventsTable.open();
            rawTable = rawEventsTable.loadTable();
        }
        scheduleFlush();
    }

    @Override
    public void processElement(StreamRecord<FreshnessSignal> element) {
        FreshnessSignal signal = element.getValue();
        lateEvents += signal.lateEvents();
        maxEventTime = Math.max(maxEventTime, signal.maxEventTime());
        changed = true;
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        super.processWatermark(mark);
        watermark = mark.getTimestamp();
        changed = true;
        if (watermark == Long.MAX_VALUE) {
            inputFinished = true;
            emit();
        }
    }

    @Override
    public void endInput() {
        // Normally the final watermark came first and was reported; BATCH runs may end without it.
        if (!inputFinished || changed) {
            inputFinished = true;
            emit();
        }
    }

    @Override
    public void onProcessingTime(long time) {
        if (changed) {
            emit();
        }
        scheduleFlush();
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        lastCheckpointId = checkpointId;
        lastCheckpointAt = getProcessingTimeService().getCurrentProcessingTime();
        changed = true;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(List.of(new FreshnessState(lateEvents, maxEventTime, lastCheckpointId, lastCheckpointAt)));
    }

    @Override
    public void close() throws Exception {
        try {
            if (rawEventsTable != null) {
                rawEventsTable.close();
            }
        } finally {
            super.close();
        }
    }

    private void scheduleFlush() {
        getProcessingTimeService().registerTimer(
                getProcessingTimeService().getCurrentProcessingTime() + flushIntervalMillis, this);
    }

    private void emit() {
        Instant reportedWatermark = null;
        Instant completeUpTo = null;
        if (inputFinished) {
            if (maxEventTime != Long.MIN_VALUE) {
                reportedWatermark = Instant.ofEpochMilli(maxEventTime + 1);
                completeUpTo = reportedWatermark;
            }
        } else if (watermark != Long.MIN_VALUE) {
            reportedWatermark = Instant.ofEpochMilli(watermark);
            completeUpTo = Instant.ofEpochMilli(watermark - allowedLatenessMillis);
        }
        Instant checkpointAt = lastCheckpointAt == null ? null : Instant.ofEpochMilli(lastCheckpointAt);
        Long snapshotId = currentRawSnapshotId();
        for (String mart : marts) {
            output.collect(new StreamRecord<>(new PipelineFreshnessRow(mart, reportedWatermark, completeUpTo,
                    lateEvents, lastCheckpointId, checkpointAt, snapshotId, inputFinished)));
        }
        changed = false;
    }

    private Long currentRawSnapshotId() {
        if (rawTable == null) {
            return null;
        }
        rawTable.refresh();
        Snapshot current = rawTable.currentSnapshot();
        return current == null ? null : current.snapshotId();
    }
}

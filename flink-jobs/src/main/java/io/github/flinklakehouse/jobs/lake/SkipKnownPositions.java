package io.github.flinklakehouse.jobs.lake;

import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps only the records whose source position is not in a raw table yet, so a bounded job that appends records
 * it re-read (a replay, a Kafka backfill that writes the lake) never writes a record twice, however often it runs.
 *
 * <p>Keyed by {@link PositionKeyConverter#of position key}; input 1 are the records, input 2 the positions already
 * in the table. The decision waits for the end of input (a timer at {@code Long.MAX_VALUE}, which fires at the end
 * of each key in BATCH mode), because the two inputs arrive in no particular order. A position read twice is
 * written once. Skipped records are counted (metric {@value #METRIC_SKIPPED}, and an accumulator named by the job).
 */
public final class SkipKnownPositions<T> extends KeyedCoProcessFunction<String, T, String, T> {

    private static final long serialVersionUID = 1L;

    /** Records not written because their position is already in the table (or was read twice). */
    public static final String METRIC_SKIPPED = "alreadyInLake";

    private final TypeInformation<T> recordType;
    private final String skippedAccumulator;

    private transient ValueState<T> pending;
    private transient ValueState<Boolean> known;
    private transient Counter skipped;
    private transient LongCounter skippedTotal;

    /**
     * @param recordType the records' type (they wait in keyed state until the end of input)
     * @param skippedAccumulator the accumulator that counts skipped records
     */
    public SkipKnownPositions(TypeInformation<T> recordType, String skippedAccumulator) {
        this.recordType = Objects.requireNonNull(recordType, "recordType");
        this.skippedAccumulator = Objects.requireNonNull(skippedAccumulator, "skippedAccumulator");
    }

    @Override
    public void open(OpenContext openContext) {
        // State names kept from the replay's first version.
        pending = getRuntimeContext().getState(new ValueStateDescriptor<>("candidate", recordType));
        known = getRuntimeContext().getState(new ValueStateDescriptor<>("ingested", Types.BOOLEAN));
        skipped = getRuntimeContext().getMetricGroup().counter(METRIC_SKIPPED);
        skippedTotal = getRuntimeContext().getLongCounter(skippedAccumulator);
    }

    @Override
    public void processElement1(T record, Context context, Collector<T> out) throws Exception {
        if (pending.value() == null) {
            pending.update(record);
            context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        } else {
            skip();
        }
    }

    @Override
    public void processElement2(String position, Context context, Collector<T> out) throws Exception {
        known.update(Boolean.TRUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<T> out) throws Exception {
        T record = pending.value();
        if (record != null) {
            if (known.value() == null) {
                out.collect(record);
            } else {
                skip();
            }
        }
        pending.clear();
        known.clear();
    }

    private void skip() {
        skipped.inc();
        skippedTotal.add(1L);
    }
}

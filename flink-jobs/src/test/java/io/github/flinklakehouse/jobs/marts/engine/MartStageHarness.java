package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * Flink's keyed test harness around one dimension stage of the mart engine, with its side outputs (keyed mart rows,
 * partial values, dead letters) readable by what they are. Batches reach the stage through their wire format, as
 * they do in a job: their entries are read from the network array by the stage itself.
 *
 * @param <P> event type
 * @param <V> dimension value type (the key)
 * @param <R> row type of the hosted keyed mart, if any
 */
public final class MartStageHarness<P, V, R> extends KeyedOneInputStreamOperatorTestHarness<V, ValueBatch<V>, Void> {

    private final DimensionPlan<P, V> plan;
    private final OutputTag<R> rows;
    private final TypeSerializer<ValueBatch<V>> wire;

    private MartStageHarness(DimensionPlan<P, V> plan, Duration lateness, Duration flush, int maxBufferedKeys,
            OutputTag<R> rows) throws Exception {
        super(new DimensionStageOperator<>(plan, lateness.toMillis(), flush.toMillis(), true, maxBufferedKeys),
                new ValueBatch.ValueOf<>(), plan.dimension().type());
        this.plan = plan;
        this.rows = rows;
        this.wire = plan.batchType().createSerializer(new SerializerConfigImpl());
    }

    /** The stage of {@code dimension} hosting {@code mart} only. */
    public static <P, V, A, R> MartStageHarness<P, V, R> keyedMart(Dimension<P, V> dimension,
            KeyedMart<P, V, A, R> mart, TypeInformation<R> rowType, Duration lateness, Duration flush)
            throws Exception {
        OutputTag<R> tag = MartSet.rowsTag(mart, rowType);
        DimensionPlan<P, V> plan = DimensionPlan.of(dimension, List.of(),
                List.of(new DimensionPlan.Hosted<>(mart, tag)));
        return new MartStageHarness<>(plan, lateness, flush, MartEngineSettings.DEFAULT_MAX_BUFFERED_KEYS, tag);
    }

    /**
     * The stage of {@code dimension} as {@code marts} declare it: every distinct count of the dimension and its
     * hosted keyed mart, whose rows {@link #drainRows} gives.
     */
    @SuppressWarnings("unchecked")
    public static <P, V, R> MartStageHarness<P, V, R> stageOf(MartSet<P> marts, Dimension<P, V> dimension,
            Duration lateness, Duration flush) throws Exception {
        DimensionPlan<P, V> plan = marts.stagePlan(dimension);
        if (plan.marts().size() != 1) {
            throw new IllegalArgumentException(dimension + " hosts " + plan.marts().size() + " keyed marts, not one");
        }
        OutputTag<R> rows = (OutputTag<R>) plan.marts().get(0).rows();
        return new MartStageHarness<>(plan, lateness, flush, MartEngineSettings.DEFAULT_MAX_BUFFERED_KEYS, rows);
    }

    /** The stage of {@code dimension} counting it for {@code aggregations}. */
    public static <P, V> MartStageHarness<P, V, Void> distinct(Dimension<P, V> dimension,
            List<Aggregation<P, ?>> aggregations, Duration lateness, Duration flush, int maxBufferedKeys)
            throws Exception {
        return new MartStageHarness<>(DimensionPlan.of(dimension, aggregations, List.of()), lateness, flush,
                maxBufferedKeys, null);
    }

    /** Feeds {@code event} as the pre-aggregation would ship it alone: its value's batch of one event. */
    public void processEvent(P event, long timestamp) throws Exception {
        processElement(throughTheWire(ValueCombiner.ofEvent(plan, event)), timestamp);
    }

    /** Feeds {@code events} as one subtask's pre-aggregation would ship them after reading them all. */
    public void processEvents(List<P> events, long timestamp) throws Exception {
        for (ValueBatch<V> batch : ValueCombiner.ofEvents(plan, events)) {
            processElement(throughTheWire(batch), timestamp);
        }
    }

    /** The batch as the stage reads it from the network: entries still encoded, keys inside the read array. */
    private ValueBatch<V> throughTheWire(ValueBatch<V> batch) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        wire.serialize(batch, out);
        return wire.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    /** The keyed mart's rows emitted so far, in order; clears them. */
    public List<R> drainRows() {
        return drain(rows);
    }

    /** The partial values of {@code aggregation} emitted so far, in order; clears them. */
    public <K> List<Tuple2<K, long[]>> drainPartials(Aggregation<P, K> aggregation) {
        return drain(MartSet.partialsTag(aggregation));
    }

    /** The number of distinct-count changes emitted so far, over every aggregation of the stage; clears them. */
    public int drainAllPartials() {
        int changes = 0;
        for (DimensionPlan.Counted<P, ?> counted : plan.counting()) {
            changes += drain(MartSet.partialsTag(counted.aggregation())).size();
        }
        return changes;
    }

    /** Every dead letter emitted so far. */
    public List<DeadLetter> deadLetters() {
        Queue<StreamRecord<DeadLetter>> letters = getSideOutput(MartSet.deadLettersTag(plan.dimension()));
        return letters == null ? List.of() : letters.stream().map(StreamRecord::getValue).toList();
    }

    private <T> List<T> drain(OutputTag<T> tag) {
        Queue<StreamRecord<T>> records = getSideOutput(tag);
        if (records == null) {
            return List.of();
        }
        List<T> values = new ArrayList<>();
        for (StreamRecord<T> record : records) {
            values.add(record.getValue());
        }
        records.clear();
        return values;
    }
}

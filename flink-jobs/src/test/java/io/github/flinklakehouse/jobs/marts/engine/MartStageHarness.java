package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

/**
 * Flink's keyed test harness around one dimension stage of the mart engine, with its side outputs (keyed mart rows,
 * partial values, dead letters) readable by what they are.
 *
 * @param <P> event type
 * @param <V> dimension value type (the key)
 * @param <R> row type of the hosted keyed mart, if any
 */
public final class MartStageHarness<P, V, R> extends KeyedOneInputStreamOperatorTestHarness<V, P, Void> {

    private final Dimension<P, V> dimension;
    private final OutputTag<R> rows;

    private MartStageHarness(DimensionStageOperator<P, V> operator, Dimension<P, V> dimension, OutputTag<R> rows)
            throws Exception {
        super(operator, dimension.value(), dimension.type());
        this.dimension = dimension;
        this.rows = rows;
    }

    /** The stage of {@code dimension} hosting {@code mart} only. */
    public static <P, V, R> MartStageHarness<P, V, R> keyedMart(Dimension<P, V> dimension, KeyedMart<P, V, R> mart,
            TypeInformation<R> rowType, Duration lateness, Duration flush) throws Exception {
        OutputTag<R> tag = MartSet.rowsTag(mart, rowType);
        return new MartStageHarness<>(new DimensionStageOperator<>(dimension, List.of(),
                List.of(new DimensionStageOperator.HostedMart<>(mart, tag)), lateness.toMillis(), flush.toMillis(),
                MartEngineSettings.DEFAULT_MAX_BUFFERED_KEYS), dimension, tag);
    }

    /** The stage of {@code dimension} counting it for {@code aggregations}. */
    public static <P, V> MartStageHarness<P, V, Void> distinct(Dimension<P, V> dimension,
            List<Aggregation<P, ?>> aggregations, Duration lateness, Duration flush, int maxBufferedKeys)
            throws Exception {
        return new MartStageHarness<>(new DimensionStageOperator<>(dimension, aggregations, List.of(),
                lateness.toMillis(), flush.toMillis(), maxBufferedKeys), dimension, null);
    }

    /** The keyed mart's rows emitted so far, in order; clears them. */
    public List<R> drainRows() {
        return drain(rows);
    }

    /** The partial values of {@code aggregation} emitted so far, in order; clears them. */
    public <K> List<Tuple2<K, long[]>> drainPartials(Aggregation<P, K> aggregation) {
        return drain(MartSet.partialsTag(aggregation));
    }

    /** Every dead letter emitted so far. */
    public List<DeadLetter> deadLetters() {
        Queue<StreamRecord<DeadLetter>> letters = getSideOutput(MartSet.deadLettersTag(dimension));
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

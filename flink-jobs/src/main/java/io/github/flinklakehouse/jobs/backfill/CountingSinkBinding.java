package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.jobs.SinkBinding;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Counts what reaches a sink in accumulators (the backfill's summary), then writes it with {@code target}, or,
 * without a target, only counts it: a backfill that re-derives marts from events already in the lake must not
 * append them again.
 */
public final class CountingSinkBinding<T> implements SinkBinding<T> {

    private final SinkBinding<T> target;
    private final CountRecords.CounterName<T> counterName;

    private CountingSinkBinding(SinkBinding<T> target, CountRecords.CounterName<T> counterName) {
        this.target = target;
        this.counterName = Objects.requireNonNull(counterName, "counterName");
    }

    /** Counts, then writes with {@code target}. */
    public static <T> CountingSinkBinding<T> writing(SinkBinding<T> target, CountRecords.CounterName<T> counterName) {
        return new CountingSinkBinding<>(Objects.requireNonNull(target, "target"), counterName);
    }

    /** Counts and writes nothing. */
    public static <T> CountingSinkBinding<T> countingOnly(CountRecords.CounterName<T> counterName) {
        return new CountingSinkBinding<>(null, counterName);
    }

    @Override
    public DataStreamSink<?> bind(DataStream<T> stream, String uid, String name) {
        DataStream<T> counted = stream
                .map(new CountRecords<>(counterName), stream.getType())
                .uid(uid + ".count")
                .name("Count " + name);
        if (target != null) {
            return target.bind(counted, uid, name);
        }
        return counted.sinkTo(new DiscardingSink<>()).uid(uid).name(name + " (counted only, not written)");
    }
}

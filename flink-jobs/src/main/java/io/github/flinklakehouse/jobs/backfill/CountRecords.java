package io.github.flinklakehouse.jobs.backfill;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Passes records through, adding one to the accumulator each record names. */
public final class CountRecords<T> extends RichMapFunction<T, T> {

    private static final long serialVersionUID = 1L;

    /** The accumulator a record counts in. */
    @FunctionalInterface
    public interface CounterName<T> extends Serializable {
        String of(T record);
    }

    private final CounterName<T> counterName;
    private transient Map<String, LongCounter> counters;

    public CountRecords(CounterName<T> counterName) {
        this.counterName = Objects.requireNonNull(counterName, "counterName");
    }

    @Override
    public T map(T record) {
        if (counters == null) {
            counters = new HashMap<>();
        }
        counters.computeIfAbsent(counterName.of(record), name -> getRuntimeContext().getLongCounter(name)).add(1L);
        return record;
    }
}

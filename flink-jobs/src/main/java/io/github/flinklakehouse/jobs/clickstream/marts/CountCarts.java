package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts the events of one product in one window (the trending mart feeds it cart events only). */
public final class CountCarts implements AggregateFunction<IngestedClickEvent, Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(IngestedClickEvent value, Long accumulator) {
        return accumulator + 1;
    }

    @Override
    public Long getResult(Long accumulator) {
        return accumulator;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}

package io.github.flinklakehouse.jobs.testing;

import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** The records an operator test harness emitted, watermarks left out. */
public final class HarnessRecords {

    private HarnessRecords() {
    }

    /** Every record emitted so far on the main output, in order. */
    @SuppressWarnings("unchecked")
    public static <R> List<R> rows(AbstractStreamOperatorTestHarness<R> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<R>) r).getValue())
                .toList();
    }

    /** Every record emitted so far on the main output, in order; clears the output. */
    public static <R> List<R> drain(AbstractStreamOperatorTestHarness<R> harness) {
        List<R> rows = rows(harness);
        harness.getOutput().clear();
        return rows;
    }
}

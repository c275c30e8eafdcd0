package io.github.flinklakehouse.jobs.marts.engine;

import static io.github.flinklakehouse.jobs.testing.HarnessRecords.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The final stage of an aggregation: absolute values from partials, early rows, the final row, nothing left. */
class FinalAggregateFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final long HOUR_10 = Instant.parse("2019-10-01T10:00:00Z").toEpochMilli();
    private static final long CLOSE = HOUR_10 + UtcPeriod.HOUR_MILLIS - 1 + LATENESS.toMillis();

    private final Visit.Hourly hourly = new Visit.Hourly();

    @Test
    void mergesPartialsIntoEarlyRowsAndTheFinalRowAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Long, Tuple2<Long, long[]>, String> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(partial(2, 10, 1), HOUR_10);
            harness.processElement(partial(1, 5, 0), HOUR_10);
            assertThat(drain(harness)).isEmpty();
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly("3 visits, 15 spent, 1 visitors");
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<Long, Tuple2<Long, long[]>, String> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            restored.processElement(partial(1, 1, 2), HOUR_10);
            restored.processWatermark(CLOSE - 1);
            assertThat(drain(restored)).isEmpty();
            restored.processWatermark(CLOSE);
            assertThat(drain(restored)).containsExactly("4 visits, 16 spent, 3 visitors");
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void aKeyWhoseRowIsNullEmitsNothing() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Long, Tuple2<Long, long[]>, String> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new FinalAggregateFunction<>(
                        hourly.aggregation, (hour, v) -> hourly.spent.of(v) > 0 ? "spent" : null,
                        LATENESS.toMillis(), FLUSH.toMillis())), partial -> partial.f0, Types.LONG)) {
            harness.open();
            harness.processElement(partial(1, 0, 0), HOUR_10);
            harness.processWatermark(CLOSE);
            assertThat(drain(harness)).isEmpty();
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aPartialThatWouldOverflowASumIsADeadLetterAndTheRowKeepsItsValues() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Long, Tuple2<Long, long[]>, String> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(partial(1, Long.MAX_VALUE - 10, 1), HOUR_10);
            harness.processElement(partial(2, 11, 1), HOUR_10);
            harness.processElement(partial(1, 10, 0), HOUR_10);
            harness.processWatermark(CLOSE);

            assertThat(drain(harness)).containsExactly("2 visits, " + Long.MAX_VALUE + " spent, 1 visitors");
            assertThat(harness.getSideOutput(MartSet.overflowTag(hourly.aggregation))).singleElement()
                    .satisfies(letter -> {
                        DeadLetter dead = letter.getValue();
                        assertThat(dead.reason()).isEqualTo("SUM_OVERFLOW");
                        assertThat(dead.source()).isEqualTo("mart:visits-hourly");
                        assertThat(dead.sourcePosition()).isEqualTo(Long.toString(HOUR_10));
                        assertThat(dead.message()).contains("would overflow");
                    });
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<Long, Tuple2<Long, long[]>, String> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new FinalAggregateFunction<>(
                hourly.aggregation, (hour, v) -> hourly.visits.of(v) + " visits, " + hourly.spent.of(v) + " spent, "
                        + hourly.visitors.of(v) + " visitors", LATENESS.toMillis(), FLUSH.toMillis())),
                partial -> partial.f0, Types.LONG);
    }

    private Tuple2<Long, long[]> partial(long visits, long spent, long newVisitors) {
        long[] values = hourly.aggregation.newValues();
        values[hourly.visits.offset()] = visits;
        values[hourly.spent.offset()] = spent;
        values[hourly.visitors.offset()] = newVisitors;
        return Tuple2.of(HOUR_10, values);
    }
}

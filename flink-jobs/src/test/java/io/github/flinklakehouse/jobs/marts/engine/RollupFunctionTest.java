package io.github.flinklakehouse.jobs.marts.engine;

import static io.github.flinklakehouse.jobs.testing.HarnessRecords.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The roll-up stage: open keys replaced by their latest values, closed keys folded into totals, across a restore. */
class RollupFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final long MONDAY_10 = Instant.parse("2019-10-07T10:00:00Z").toEpochMilli();
    private static final long TUESDAY_10 = MONDAY_10 + UtcPeriod.DAY_MILLIS;
    private static final long MONDAY_10_CLOSES = MONDAY_10 + UtcPeriod.HOUR_MILLIS - 1 + LATENESS.toMillis();

    private final Visit.Hourly hourly = new Visit.Hourly();
    /** Every hour rolled up into its hour of day. */
    private final Rollup<Long, Integer, String> byHourOfDay = new Rollup<>(Types.INT, UtcPeriod::hourOfDay,
            (hour, keys, totals) -> hour + "h: " + keys + " hours, " + hourly.visits.of(totals) + " visits, "
                    + hourly.visitors.of(totals) + " visitor-hours, smallest " + hourly.smallest.of(totals));

    @Test
    void openKeysAreReplacedAndClosedKeysFoldedIntoTotalsAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Integer, Tuple2<Long, long[]>, String> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(values(MONDAY_10, 2, 1, 5), MONDAY_10);
            // The final stage's next row of the same hour is absolute: it replaces the first.
            harness.processElement(values(MONDAY_10, 3, 2, 4), MONDAY_10);
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly("10h: 1 hours, 3 visits, 2 visitor-hours, smallest 4");

            harness.processWatermark(MONDAY_10_CLOSES);
            assertThat(drain(harness)).as("a close without a change writes nothing").isEmpty();
            harness.processElement(values(TUESDAY_10, 4, 3, 7), TUESDAY_10);
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<Integer, Tuple2<Long, long[]>, String> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            assertThat(drain(restored)).containsExactly("10h: 2 hours, 7 visits, 5 visitor-hours, smallest 4");
            restored.processWatermark(MONDAY_10_CLOSES + UtcPeriod.DAY_MILLIS);
            // Only the group's totals stay (closedTotals, closedKeys): the hours themselves are forgotten.
            assertThat(restored.numKeyedStateEntries()).isEqualTo(2);
            assertThat(restored.numEventTimeTimers()).isZero();
            restored.processElement(values(TUESDAY_10 + UtcPeriod.DAY_MILLIS, 1, 1, 9), TUESDAY_10);
            restored.processWatermark(Long.MAX_VALUE);
            assertThat(drain(restored)).containsExactly("10h: 3 hours, 8 visits, 6 visitor-hours, smallest 4");
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<Integer, Tuple2<Long, long[]>, String> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RollupFunction<>(
                hourly.aggregation, byHourOfDay, LATENESS.toMillis(), FLUSH.toMillis())),
                keyValues -> UtcPeriod.hourOfDay(keyValues.f0), Types.INT);
    }

    /** The absolute values of one hour, as its final stage emits them. */
    private Tuple2<Long, long[]> values(long hourStart, long visits, long visitors, long smallest) {
        long[] values = hourly.aggregation.newValues();
        values[hourly.visits.offset()] = visits;
        values[hourly.visitors.offset()] = visitors;
        values[hourly.smallest.offset()] = smallest;
        return Tuple2.of(hourStart, values);
    }
}

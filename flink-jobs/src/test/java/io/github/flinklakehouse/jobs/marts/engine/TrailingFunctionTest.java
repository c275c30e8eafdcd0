package io.github.flinklakehouse.jobs.marts.engine;

import static io.github.flinklakehouse.jobs.testing.HarnessRecords.drain;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import java.time.Instant;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The trailing stage: each entry's row beside its group's entries 1..2 weeks earlier, whatever the arrival order,
 * earlier entries forgotten once no later period can still change, across a restore.
 */
class TrailingFunctionTest {

    /** One group's volume in one hour. */
    public record HourVolume(String group, long hourStart, long volume) {
    }

    private static final long WEEK = 7 * UtcPeriod.DAY_MILLIS;
    private static final long LATENESS = 600_000;
    private static final long HOUR_0 = Instant.parse("2026-09-05T08:00:00Z").toEpochMilli();
    private static final Trailing<HourVolume, String, String> TWO_WEEKS = new Trailing<>(Types.STRING,
            HourVolume::group, HourVolume::hourStart, entry -> entry.hourStart() + UtcPeriod.HOUR_MILLIS, WEEK, 2,
            (entry, earlier) -> entry.group() + " " + Instant.ofEpochMilli(entry.hourStart()) + " " + entry.volume()
                    + " after " + earlier.stream().map(e -> e == null ? "-" : Long.toString(e.volume()))
                    .collect(Collectors.joining(",")));

    @Test
    void rowsSeeTheEarlierWeeksWhateverTheOrderAndForgetThemWhenNoLaterHourCanChange() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, HourVolume, String> harness = harness()) {
            harness.open();
            // As in BATCH mode: the latest week first, then the earliest, then the middle one.
            harness.processElement(new HourVolume("a", HOUR_0 + 2 * WEEK, 30), HOUR_0);
            assertThat(drain(harness)).containsExactly("a 2026-09-19T08:00:00Z 30 after -,-");
            harness.processElement(new HourVolume("a", HOUR_0, 10), HOUR_0);
            assertThat(drain(harness)).containsExactly("a 2026-09-05T08:00:00Z 10 after -,-",
                    "a 2026-09-19T08:00:00Z 30 after -,10");
            harness.processElement(new HourVolume("a", HOUR_0 + WEEK, 20), HOUR_0);
            assertThat(drain(harness)).containsExactly("a 2026-09-12T08:00:00Z 20 after 10,-",
                    "a 2026-09-19T08:00:00Z 30 after 20,10");
            // Another hour of the week and another group are no history of these.
            harness.processElement(new HourVolume("a", HOUR_0 + 2 * WEEK + UtcPeriod.HOUR_MILLIS, 5), HOUR_0);
            harness.processElement(new HourVolume("b", HOUR_0 + WEEK, 7), HOUR_0);
            assertThat(drain(harness)).containsExactly("a 2026-09-19T09:00:00Z 5 after -,-",
                    "b 2026-09-12T08:00:00Z 7 after -,-");
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, HourVolume, String> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            // A corrected (absolute) entry replaces the earlier one; the later week's row follows.
            restored.processElement(new HourVolume("a", HOUR_0 + WEEK, 22), HOUR_0);
            assertThat(drain(restored)).containsExactly("a 2026-09-12T08:00:00Z 22 after 10,-",
                    "a 2026-09-19T08:00:00Z 30 after 22,10");
            // HOUR_0 is needed until the last hour looking back at it (HOUR_0 + 2 weeks) closes.
            long hour0Forgotten = HOUR_0 + UtcPeriod.HOUR_MILLIS + 2 * WEEK - 1 + LATENESS;
            restored.processWatermark(hour0Forgotten - 1);
            assertThat(restored.numEventTimeTimers()).as("one per kept hour").isEqualTo(5);
            restored.processWatermark(hour0Forgotten);
            assertThat(restored.numEventTimeTimers()).isEqualTo(4);
            // Forgotten: a correction of the week after it no longer sees it.
            restored.processElement(new HourVolume("a", HOUR_0 + WEEK, 21), HOUR_0);
            assertThat(drain(restored)).containsExactly("a 2026-09-12T08:00:00Z 21 after -,-",
                    "a 2026-09-19T08:00:00Z 30 after 21,-");
            restored.processWatermark(Long.MAX_VALUE);
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(drain(restored)).as("forgetting writes nothing").isEmpty();
            assertThat(restored.numKeyedStateEntries()).as("every group's map is empty").isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, HourVolume, String> harness() throws Exception {
        TypeInformation<HourVolume> type = TypeInformation.of(HourVolume.class);
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new TrailingFunction<>(
                TWO_WEEKS, type, LATENESS)), HourVolume::group, Types.STRING);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.rows;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.view;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The active-users operator of one period kind on Flink's keyed test harness. */
class ActiveUsersFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant WEEK = Instant.parse("2019-10-21T00:00:00Z");
    private static final long WEEK_CLOSE_AT = Instant.parse("2019-10-28T00:10:00Z").toEpochMilli() - 1;

    @Test
    void countsDistinctUsersOfAWeekEarlyThenFinallyAndClearsStateAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, ActiveUsersRow> harness =
                harness(UtcPeriod.WEEK)) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, view("2019-10-21T00:00:00Z", 1, "s1"));
            process(harness, view("2019-10-23T10:00:00Z", 2, "s2"));
            process(harness, view("2019-10-27T23:59:59Z", 1, "s3"));
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(rows(harness)).containsExactly(new ActiveUsersRow("week", WEEK, 2));
            snapshot = harness.snapshot(1L, 1L);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, ActiveUsersRow> restored =
                harness(UtcPeriod.WEEK)) {
            restored.initializeState(snapshot);
            restored.open();
            process(restored, view("2019-10-24T00:00:00Z", 2, "s4"));
            process(restored, view("2019-10-25T00:00:00Z", 3, "s5"));
            // The next week is another key and stays open.
            process(restored, view("2019-10-28T00:00:00Z", 4, "s6"));

            restored.processWatermark(WEEK_CLOSE_AT - 1);
            assertThat(rows(restored)).isEmpty();
            restored.processWatermark(WEEK_CLOSE_AT);
            assertThat(rows(restored)).containsExactly(new ActiveUsersRow("week", WEEK, 3));
            assertThat(restored.numKeyedStateEntries()).as("only the next week's state is left").isEqualTo(4);

            restored.processWatermark(Long.MAX_VALUE);
            assertThat(rows(restored)).last().isEqualTo(new ActiveUsersRow("week", Instant.parse("2019-10-28T00:00:00Z"), 1));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void monthClosesAtItsLastMillisecondPlusLateness() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, ActiveUsersRow> harness =
                harness(UtcPeriod.MONTH)) {
            harness.open();
            process(harness, view("2020-02-29T23:59:59Z", 7, "s1"));
            process(harness, view("2020-02-01T00:00:00Z", 8, "s2"));
            harness.processWatermark(Instant.parse("2020-03-01T00:10:00Z").toEpochMilli() - 2);
            assertThat(rows(harness)).isEmpty();
            harness.processWatermark(Instant.parse("2020-03-01T00:10:00Z").toEpochMilli() - 1);
            assertThat(rows(harness)).containsExactly(new ActiveUsersRow("month", Instant.parse("2020-02-01T00:00:00Z"), 2));
            assertThat(rows(harness).get(0).periodStartDate()).hasToString("2020-02-01");
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, ActiveUsersRow> harness(
            UtcPeriod period) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new ActiveUsersFunction(period, LATENESS, FLUSH)),
                e -> period.startOf(e.event().eventTime()), Types.LONG);
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, ActiveUsersRow> harness,
            IngestedClickEvent event) throws Exception {
        harness.processElement(event, event.event().eventTime().toEpochMilli());
    }
}

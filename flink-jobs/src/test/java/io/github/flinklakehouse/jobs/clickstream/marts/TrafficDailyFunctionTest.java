package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.event;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The daily traffic operator on Flink's keyed test harness: early rows, peak hour, final row, restore. */
class TrafficDailyFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");
    private static final long CLOSE_AT = DAY.plus(Duration.ofDays(1)).plus(LATENESS).toEpochMilli() - 1;
    private static final KeySelector<IngestedClickEvent, Long> BY_DAY = e -> UtcPeriod.DAY.startOf(e.event().eventTime());

    @Test
    void flushesOpenDayThenEmitsFinalRowWithEarliestPeakHourAndClearsStateAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficDailyRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, event("2019-10-01T05:10:00Z", EventType.VIEW, 1, "s1", 10, null, "5.00"));
            process(harness, event("2019-10-01T05:20:00Z", EventType.PURCHASE, 2, "s2", 11, null, "10.50"));
            process(harness, event("2019-10-01T03:30:00Z", EventType.CART, 1, "s1", 10, null, "5.00"));
            assertThat(rows(harness)).isEmpty();

            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(rows(harness)).containsExactly(
                    new TrafficDailyRow(DAY, 3, 1, 1, 1, 2, 2, 2, new BigDecimal("10.50"), 5, 2));
            snapshot = harness.snapshot(1L, 1L);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficDailyRow> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            // Hour 3 catches up with hour 5 (2 events each): the earlier hour is the peak.
            process(restored, event("2019-10-01T03:45:00Z", EventType.PURCHASE, 3, "s3", 12, null, "2.25"));
            process(restored, event("2019-10-01T23:59:59.999Z", EventType.REMOVE_FROM_CART, 1, "s4", 10, null, "5.00"));

            restored.processWatermark(CLOSE_AT - 1);
            assertThat(rows(restored)).isEmpty();

            restored.processWatermark(CLOSE_AT);
            assertThat(rows(restored)).containsExactly(
                    new TrafficDailyRow(DAY, 5, 1, 1, 2, 3, 4, 3, new BigDecimal("12.75"), 3, 2));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void dayWithOneEventPeaksAtItsHour() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficDailyRow> harness = harness()) {
            harness.open();
            process(harness, event("2019-10-02T23:00:00Z", EventType.SEARCH, 1, "s1", 10, null, "0.00"));
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(rows(harness)).containsExactly(new TrafficDailyRow(DAY.plus(Duration.ofDays(1)), 1, 0, 0, 0,
                    1, 1, 1, new BigDecimal("0.00"), 23, 1));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficDailyRow> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TrafficDailyFunction(LATENESS, FLUSH)), BY_DAY, Types.LONG);
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficDailyRow> harness,
            IngestedClickEvent event) throws Exception {
        harness.processElement(event, event.event().eventTime().toEpochMilli());
    }
}

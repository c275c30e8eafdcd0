package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The hourly mart operator on Flink's keyed test harness: early rows, final row, state cleared, restore. */
class TrafficHourlyFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant HOUR = Instant.parse("2019-10-01T00:00:00Z");
    private static final long CLOSE_AT = HOUR.plus(Duration.ofHours(1)).plus(LATENESS).toEpochMilli() - 1;
    private static final KeySelector<IngestedClickEvent, Long> BY_HOUR =
            e -> TrafficHourlyFunction.hourOf(e.event().eventTime());

    @Test
    void flushesOpenHourThenEmitsFinalRowAndClearsStateAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficHourlyRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, event("00:10:00", EventType.VIEW, 1, "s1", "5.00"));
            process(harness, event("00:20:00", EventType.PURCHASE, 2, "s2", "10.50"));
            process(harness, event("00:30:00", EventType.CART, 1, "s1", "5.00"));

            assertThat(rows(harness)).isEmpty();
            assertThat(harness.numProcessingTimeTimers()).isEqualTo(1);
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(rows(harness)).containsExactly(row(3, 1, 1, 1, 2, 2, "10.50"));
            assertThat(harness.numProcessingTimeTimers()).isZero();

            snapshot = harness.snapshot(1L, 1L);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficHourlyRow> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            process(restored, event("00:40:00", EventType.VIEW, 3, "s3", "1.00"));
            process(restored, event("00:45:00", EventType.PURCHASE, 1, "s1", "2.25"));
            assertThat(restored.numProcessingTimeTimers()).isEqualTo(1);

            restored.processWatermark(CLOSE_AT - 1);
            assertThat(rows(restored)).isEmpty();

            // Hour end + lateness: the final absolute row, then nothing of the hour is left.
            restored.processWatermark(CLOSE_AT);
            assertThat(rows(restored)).containsExactly(row(5, 2, 1, 2, 3, 3, "12.75"));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();

            // The next hour is still open at this watermark.
            process(restored, event("01:05:00", EventType.VIEW, 9, "s9", "1.00"));
            restored.setProcessingTime(61_000);
            assertThat(rows(restored)).last().isEqualTo(
                    new TrafficHourlyRow(HOUR.plus(Duration.ofHours(1)), 1, 1, 0, 0, 1, 1, 1, new BigDecimal("0.00")));
        }
    }

    @Test
    void hourKeyIsUtcHourStart() {
        assertThat(TrafficHourlyFunction.hourOf(Instant.parse("2019-10-01T23:59:59.999Z")))
                .isEqualTo(Instant.parse("2019-10-01T23:00:00Z").toEpochMilli());
        assertThat(TrafficHourlyFunction.hourOf(Instant.parse("1969-12-31T23:30:00Z")))
                .isEqualTo(Instant.parse("1969-12-31T23:00:00Z").toEpochMilli());
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficHourlyRow> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new TrafficHourlyFunction(LATENESS, FLUSH)), BY_HOUR, Types.LONG);
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficHourlyRow> harness,
            IngestedClickEvent event) throws Exception {
        harness.processElement(event, event.event().eventTime().toEpochMilli());
    }

    @SuppressWarnings("unchecked")
    private static List<TrafficHourlyRow> rows(KeyedOneInputStreamOperatorTestHarness<Long, IngestedClickEvent, TrafficHourlyRow> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<TrafficHourlyRow>) r).getValue())
                .toList();
    }

    private static TrafficHourlyRow row(long events, long views, long carts, long purchases, long users, long sessions,
            String revenue) {
        return new TrafficHourlyRow(HOUR, events, views, carts, purchases, users, sessions, 1, new BigDecimal(revenue));
    }

    private static IngestedClickEvent event(String time, EventType type, long user, String session, String price) {
        ClickEvent event = new ClickEvent(Instant.parse("2019-10-01T" + time + "Z"), type, 100, 2053013552326770905L,
                null, null, new BigDecimal(price), user, session, null);
        return new IngestedClickEvent(event, "kafka", "t/0/" + user, Instant.parse("2019-10-01T02:00:00Z"));
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.drain;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.event;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.millis;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.process;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The session mart operator on Flink's keyed test harness: early rows, growing close, tombstone, restore. */
class SessionsFunctionTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);

    @Test
    void emitsEarlyRowsThenTheFinalRowWhenTheSessionTimesOutAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, SessionRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, event("10:05:00", EventType.VIEW, 100, 7, "s1"));
            // Same earliest time, smaller user id: the tie goes to the smaller id.
            process(harness, event("10:00:00", EventType.VIEW, 101, 9, "s1"));
            process(harness, event("10:00:00", EventType.CART, 100, 8, "s1"));
            assertThat(drain(harness)).isEmpty();

            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly(
                    row(8, "10:00:00", "10:05:00", 3, 2, 2, 1, 0, "0.00"));
            snapshot = harness.snapshot(1L, 1L);
        }

        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, SessionRow> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            process(restored, event("10:20:00", EventType.PURCHASE, 100, 8, "s1", null, null, "12.34"));
            long close = millis("10:20:00") + TIMEOUT.toMillis() + LATENESS.toMillis();

            restored.processWatermark(close - 1);
            assertThat(drain(restored)).isEmpty();
            restored.processWatermark(close);
            SessionRow last = row(8, "10:00:00", "10:20:00", 4, 2, 2, 1, 1, "12.34");
            assertThat(drain(restored)).containsExactly(last);
            assertThat(last.durationSeconds()).isEqualTo(1200);
            assertThat(last.converted()).isTrue();
            // Only the tombstone is left, and no timer.
            assertThat(restored.numKeyedStateEntries()).isEqualTo(1);
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void anEventOfAClosedSessionBecomesALateDeadLetterInsteadOfAPartialRow() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, SessionRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.setStateTtlProcessingTime(0);
            process(harness, event("10:00:00", EventType.VIEW, 100, 7, "s1"));
            long close = millis("10:00:00") + TIMEOUT.toMillis() + LATENESS.toMillis();
            harness.processWatermark(close);
            assertThat(drain(harness)).hasSize(1);

            // On time for the job (watermark < event time + lateness) but its session is final.
            IngestedClickEvent afterClose = event("11:00:00", EventType.PURCHASE, 100, 7, "s1");
            process(harness, afterClose);
            harness.setProcessingTime(10_000);
            harness.processWatermark(millis("12:00:00"));
            assertThat(drain(harness)).isEmpty();
            assertThat(harness.getSideOutput(SessionsFunction.CLOSED_SESSION_EVENTS))
                    .extracting(StreamRecord::getValue)
                    .singleElement()
                    .satisfies(dead -> {
                        assertThat(dead.reason()).isEqualTo(RejectReason.LATE.name());
                        assertThat(dead.message()).contains("session s1");
                        assertThat(dead.sourcePosition()).isEqualTo("clicks/0/100");
                        assertThat(new String(dead.payload(), StandardCharsets.UTF_8)).contains("\"purchase\"");
                    });

            // The tombstone expires after a day of processing time; the session id then starts a new row.
            harness.setStateTtlProcessingTime(SessionsFunction.TOMBSTONE_TTL.toMillis() + 1);
            process(harness, event("11:05:00", EventType.VIEW, 100, 7, "s1"));
            harness.setProcessingTime(20_000);
            assertThat(drain(harness)).extracting(SessionRow::events).containsExactly(1L);
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, SessionRow> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new SessionsFunction(TIMEOUT, LATENESS, FLUSH)),
                e -> e.event().userSession(), Types.STRING);
    }

    private static SessionRow row(long user, String first, String last, long events, long products, long views,
            long carts, long purchases, String revenue) {
        return new SessionRow("s1", user, Instant.parse(MartEvents.DAY + "T" + first + "Z"),
                Instant.parse(MartEvents.DAY + "T" + last + "Z"), events, products, views, carts, purchases,
                new BigDecimal(revenue));
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.event;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.marts.engine.MartStageHarness;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

/** The sessions mart in the engine's session stage: early rows, growing close, tombstone, restore. */
class SessionsMartTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);

    @Test
    void emitsEarlyRowsThenTheFinalRowWhenTheSessionTimesOutAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (MartStageHarness<ClickMartEvent, String, SessionRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, event("10:05:00", EventType.VIEW, 100, 7, "s1"));
            // Same earliest time, smaller user id: the tie goes to the smaller id.
            process(harness, event("10:00:00", EventType.VIEW, 101, 9, "s1"));
            process(harness, event("10:00:00", EventType.CART, 100, 8, "s1"));
            assertThat(harness.drainRows()).isEmpty();

            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(harness.drainRows()).containsExactly(row(8, "10:00:00", "10:05:00", 3, 2, 2, 1, 0, "0.00"));
            snapshot = harness.snapshot(1L, 1L);
        }

        try (MartStageHarness<ClickMartEvent, String, SessionRow> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            process(restored, event("10:20:00", EventType.PURCHASE, 100, 8, "s1", null, null, "12.34"));
            long close = millis("10:20:00") + TIMEOUT.toMillis() + LATENESS.toMillis();

            restored.processWatermark(close - 1);
            assertThat(restored.drainRows()).isEmpty();
            restored.processWatermark(close);
            SessionRow last = row(8, "10:00:00", "10:20:00", 4, 2, 2, 1, 1, "12.34");
            assertThat(restored.drainRows()).containsExactly(last);
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
        try (MartStageHarness<ClickMartEvent, String, SessionRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.setStateTtlProcessingTime(0);
            process(harness, event("10:00:00", EventType.VIEW, 100, 7, "s1"));
            long close = millis("10:00:00") + TIMEOUT.toMillis() + LATENESS.toMillis();
            harness.processWatermark(close);
            assertThat(harness.drainRows()).hasSize(1);

            // On time for the job (watermark < event time + lateness) but its session is final.
            process(harness, event("11:00:00", EventType.PURCHASE, 100, 7, "s1"));
            harness.setProcessingTime(10_000);
            harness.processWatermark(millis("12:00:00"));
            assertThat(harness.drainRows()).isEmpty();
            assertThat(harness.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.reason()).isEqualTo(RejectReason.LATE.name());
                assertThat(dead.message()).contains("session s1");
                assertThat(dead.sourcePosition()).isEqualTo("clicks/0/100");
                assertThat(new String(dead.payload(), StandardCharsets.UTF_8))
                        .contains("\"purchase\"", "\"user_session\":\"s1\"");
            });

            // The tombstone expires after a day of processing time; the session id then starts a new row.
            harness.setStateTtlProcessingTime(SessionsMart.TOMBSTONE_TTL.toMillis() + 1);
            process(harness, event("11:05:00", EventType.VIEW, 100, 7, "s1"));
            harness.setProcessingTime(20_000);
            assertThat(harness.drainRows()).extracting(SessionRow::events).containsExactly(1L);
        }
    }

    @Test
    void aFinalSessionIsForgottenByEveryDistinctCountAndItsReturnIsNotCountedAgain() throws Exception {
        try (MartStageHarness<ClickMartEvent, String, SessionRow> stage = MartStageHarness.stageOf(
                ClickstreamMarts.of(new ClickstreamSettings(Duration.ofSeconds(5), Duration.ofMinutes(1), LATENESS, FLUSH)),
                ClickDimensions.SESSION, LATENESS, FLUSH)) {
            stage.open();
            stage.setProcessingTime(0);
            stage.setStateTtlProcessingTime(0);
            process(stage, event("10:00:00", EventType.VIEW, 100, 7, "s1"));
            process(stage, event("10:01:00", EventType.CART, 100, 7, "s1"));
            stage.prepareSnapshotPreBarrier(1L);
            assertThat(stage.drainAllPartials()).as("the session entered hours, days and the month").isPositive();

            long close = millis("10:01:00") + TIMEOUT.toMillis() + LATENESS.toMillis();
            stage.processWatermark(close);
            assertThat(stage.drainRows()).hasSize(1);
            assertThat(stage.numKeyedStateEntries()).as("only the sessions mart's tombstone: the day and month"
                    + " memberships went with the session").isEqualTo(1);
            assertThat(stage.numEventTimeTimers()).as("nor the timers of their closes").isZero();

            // On time for the day and the month, but the session is over: refused everywhere, and said so.
            process(stage, event("11:00:00", EventType.PURCHASE, 101, 7, "s1"));
            stage.setProcessingTime(10_000);
            stage.prepareSnapshotPreBarrier(2L);
            assertThat(stage.drainAllPartials()).as("no distinct count changes").isZero();
            assertThat(stage.drainRows()).isEmpty();
            assertThat(stage.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.reason()).isEqualTo(RejectReason.LATE.name());
                assertThat(dead.message()).contains("nor in any distinct session count");
            });
        }
    }

    @Test
    void aPurchaseThatWouldOverflowTheSessionsRevenueIsASumOverflowDeadLetter() throws Exception {
        String largest = "92233720368547758.07";
        try (MartStageHarness<ClickMartEvent, String, SessionRow> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            // In one subtask's buffer: the second purchase starts a partial of its own (the view joins it), and the
            // stage refuses that partial whole, as it refuses a late one.
            harness.processEvents(List.of(
                    ClickMartEvent.of(event("10:00:00", EventType.PURCHASE, 100, 7, "s1", null, null, largest)),
                    ClickMartEvent.of(event("10:01:00", EventType.PURCHASE, 101, 7, "s1", null, null, "0.01")),
                    ClickMartEvent.of(event("10:02:00", EventType.VIEW, 102, 7, "s1"))), millis("10:00:00"));
            harness.setProcessingTime(FLUSH.toMillis());

            assertThat(harness.drainRows()).containsExactly(
                    row(7, "10:00:00", "10:00:00", 1, 1, 0, 0, 1, largest));
            assertThat(harness.deadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.reason()).isEqualTo(RejectReason.SUM_OVERFLOW.name());
                assertThat(dead.message()).contains("2 events", "session s1", "overflow");
                assertThat(new String(dead.payload(), StandardCharsets.UTF_8)).contains("\"revenue\":0.01");
            });
        }
    }

    private static MartStageHarness<ClickMartEvent, String, SessionRow> harness() throws Exception {
        return MartStageHarness.keyedMart(ClickDimensions.SESSION, new SessionsMart(TIMEOUT, LATENESS),
                TypeInformation.of(SessionRow.class), LATENESS, FLUSH);
    }

    private static void process(MartStageHarness<ClickMartEvent, String, SessionRow> harness, IngestedClickEvent event)
            throws Exception {
        ClickMartEvent projected = ClickMartEvent.of(event);
        harness.processEvent(projected, projected.eventTime);
    }

    private static SessionRow row(long user, String first, String last, long events, long products, long views,
            long carts, long purchases, String revenue) {
        return new SessionRow("s1", user, Instant.parse(MartEvents.DAY + "T" + first + "Z"),
                Instant.parse(MartEvents.DAY + "T" + last + "Z"), events, products, views, carts, purchases,
                new BigDecimal(revenue));
    }
}

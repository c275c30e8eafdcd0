package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateEventIdsTest {

    private static final Duration HORIZON = Duration.ofHours(1);
    private static final Instant T0 = Instant.parse("2019-10-01T00:00:00Z");

    @Test
    void dropsRetriesWithinTheHorizonAsDeadLettersAndKeepsEverythingElse() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness = harness()) {
            harness.open();
            IngestedClickEvent first = event("e-1", 0, 1);
            IngestedClickEvent retry = event("e-1", 0, 2);
            IngestedClickEvent laterRetry = event("e-1", 59 * 60, 3);
            IngestedClickEvent otherId = event("e-2", 10, 4);
            IngestedClickEvent noId = event(null, 0, 5);
            IngestedClickEvent sameRowNoId = event(null, 0, 6);
            for (IngestedClickEvent e : List.of(first, retry, laterRetry, otherId, noId, sameRowNoId)) {
                process(harness, e);
            }

            assertThat(output(harness)).containsExactly(first, otherId, noId, sameRowNoId);
            List<DeadLetter> duplicates = duplicates(harness);
            assertThat(duplicates).extracting(DeadLetter::reason, DeadLetter::sourcePosition).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("DUPLICATE_EVENT_ID", "t/0/2"),
                    org.assertj.core.groups.Tuple.tuple("DUPLICATE_EVENT_ID", "t/0/3"));
            assertThat(duplicates.get(0).payload()).isEqualTo(JsonEventEncoder.encode(retry.event()));
            assertThat(duplicates.get(0).message()).contains("e-1");
            // Only events with an id hold state: one timer and one entry per id.
            assertThat(harness.numEventTimeTimers()).isEqualTo(2);
            assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

            // Past the horizon the ids are forgotten: state and timers empty, the id is accepted again.
            harness.processWatermark(T0.plus(HORIZON).plusSeconds(10).toEpochMilli());
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
            IngestedClickEvent afterHorizon = event("e-1", 2 * 3600, 7);
            process(harness, afterHorizon);
            assertThat(output(harness)).endsWith(afterHorizon);
            assertThat(duplicates(harness)).hasSize(2);
        }
    }

    @Test
    void decidesByEventTimeEvenBeforeTheTimerFiresAsInABackfill() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness = harness()) {
            harness.open();
            IngestedClickEvent first = event("e-1", 0, 1);
            IngestedClickEvent beyond = event("e-1", 3600 + 1, 2);
            IngestedClickEvent retryOfBeyond = event("e-1", 3600 + 30, 3);
            process(harness, first);
            process(harness, beyond);
            process(harness, retryOfBeyond);

            // No watermark yet (BATCH fires timers only at the end of a key): the verdicts equal the stream's.
            assertThat(output(harness)).containsExactly(first, beyond);
            assertThat(duplicates(harness)).extracting(DeadLetter::sourcePosition).containsExactly("t/0/3");
            assertThat(harness.numEventTimeTimers()).isEqualTo(1);

            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aRestoreKeepsTheSeenIds() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness = harness()) {
            harness.open();
            process(harness, event("e-1", 0, 1));
            process(harness, event("e-2", 60, 2));
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            assertThat(restored.numKeyedStateEntries()).isEqualTo(2);
            assertThat(restored.numEventTimeTimers()).isEqualTo(2);
            IngestedClickEvent retry = event("e-2", 60, 3);
            IngestedClickEvent fresh = event("e-3", 60, 4);
            process(restored, retry);
            process(restored, fresh);

            assertThat(output(restored)).containsExactly(fresh);
            assertThat(duplicates(restored)).extracting(DeadLetter::sourcePosition).containsExactly("t/0/3");

            restored.processWatermark(T0.plus(HORIZON).plusSeconds(60).toEpochMilli());
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DeduplicateEventIds(HORIZON)), DeduplicateEventIds.KEY, Types.STRING);
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness,
            IngestedClickEvent event) throws Exception {
        harness.processElement(event, event.event().eventTime().toEpochMilli());
    }

    @SuppressWarnings("unchecked")
    private static List<IngestedClickEvent> output(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<IngestedClickEvent>) r).getValue())
                .toList();
    }

    private static List<DeadLetter> duplicates(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness) {
        var side = harness.getSideOutput(DeduplicateEventIds.DUPLICATES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** The same view at {@code seconds} after T0, with {@code eventId}, from offset {@code offset}. */
    private static IngestedClickEvent event(String eventId, long seconds, long offset) {
        ClickEvent event = new ClickEvent(T0.plusSeconds(seconds), EventType.VIEW, 100, 2053013552326770905L,
                null, null, new BigDecimal("1.00"), 7, "s", eventId);
        return new IngestedClickEvent(event, "kafka", "t/0/" + offset, T0.plusSeconds(seconds + 1));
    }
}

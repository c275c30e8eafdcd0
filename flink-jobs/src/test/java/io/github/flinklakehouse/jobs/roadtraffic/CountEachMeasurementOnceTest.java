package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.roadtraffic.marts.TrafficMartEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Each measurement once, the latest poll's copy winning whatever the arrival order; state cleared at close. */
class CountEachMeasurementOnceTest {

    private static final long SLOT = Instant.parse("2026-09-19T04:15:00Z").toEpochMilli();
    private static final Duration LATENESS = Duration.ofHours(1);
    private static final TollGateDirectory GATES = TollGateDirectory.load(null);

    @Test
    void aRepeatFromAnEarlierPollIsADeadLetterAndALaterOneReplacesTheCount() throws Exception {
        try (var harness = harness()) {
            harness.processElement(count("101", 40L, 2, 3), SLOT);
            harness.processElement(count("101", 40L, 1, 9), SLOT);
            harness.processElement(count("101", null, 3, 0), SLOT);

            assertThat(events(harness)).extracting(TrafficMartEvent::amount, TrafficMartEvent::weight,
                    TrafficMartEvent::unreported).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(40L, 1, 0L),
                    org.assertj.core.groups.Tuple.tuple(-40L, -1, 0L),
                    org.assertj.core.groups.Tuple.tuple(0L, 1, 1L));
            assertThat(duplicates(harness)).extracting(DeadLetter::reason, DeadLetter::sourcePosition).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("DUPLICATE_COUNT", position(1, 9)),
                    org.assertj.core.groups.Tuple.tuple("DUPLICATE_COUNT", position(2, 3)));
        }
    }

    @Test
    void theSameCopiesInAnyOrderLeaveTheSameTotal() throws Exception {
        List<TollgateTraffic> copies = List.of(count("105", 7L, 1, 0), count("105", 9L, 1, 12), count("105", 8L, 2, 1));
        for (List<TollgateTraffic> order : List.of(copies, List.of(copies.get(2), copies.get(1), copies.get(0)),
                List.of(copies.get(1), copies.get(2), copies.get(0)))) {
            try (var harness = harness()) {
                for (TollgateTraffic copy : order) {
                    harness.processElement(copy, SLOT);
                }
                assertThat(events(harness).stream().mapToLong(TrafficMartEvent::amount).sum()).isEqualTo(8L);
                assertThat(events(harness).stream().mapToInt(TrafficMartEvent::weight).sum()).isEqualTo(1);
                assertThat(duplicates(harness)).hasSize(2);
            }
        }
    }

    @Test
    void unknownGatesGetRegionUnknownAndStateIsClearedWhenTheSlotCloses() throws Exception {
        OperatorSubtaskState snapshot;
        try (var harness = harness()) {
            harness.processElement(count("999", 5L, 1, 0), SLOT);
            harness.processElement(count("101", 5L, 1, 1), SLOT);
            assertThat(events(harness)).extracting(TrafficMartEvent::region).containsExactly("unknown", "Seoul");
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = unopened()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(count("999", 5L, 1, 0), SLOT);
            assertThat(duplicates(restored)).hasSize(1);
            restored.processWatermark(new Watermark(SLOT + 900_000L - 1 + LATENESS.toMillis()));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TollgateTraffic, TrafficMartEvent> harness()
            throws Exception {
        var harness = unopened();
        harness.open();
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, TollgateTraffic, TrafficMartEvent> unopened()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CountEachMeasurementOnce(GATES, LATENESS)),
                CountEachMeasurementOnce.KEY, Types.STRING);
    }

    @SuppressWarnings("unchecked")
    private static List<TrafficMartEvent> events(
            KeyedOneInputStreamOperatorTestHarness<String, TollgateTraffic, TrafficMartEvent> harness) {
        return harness.getOutput().stream().filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<TrafficMartEvent>) r).getValue()).toList();
    }

    private static List<DeadLetter> duplicates(
            KeyedOneInputStreamOperatorTestHarness<String, TollgateTraffic, TrafficMartEvent> harness) {
        var side = harness.getSideOutput(CountEachMeasurementOnce.DUPLICATES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** A count of car class 1 at gate {@code gate}, polled in window {@code window} (1..3) at page 1, {@code item}. */
    private static TollgateTraffic count(String gate, Long amount, int window, int item) {
        long windowStart = SLOT + window * 900_000L;
        return new TollgateTraffic(SLOT, "2", gate, null, "00", null, "0", null, "1", null, "1", amount, "http",
                position(window, item), windowStart + 900_000L);
    }

    private static String position(int window, int item) {
        return "kec-traffic-ic@" + (SLOT + window * 900_000L) + "/page 1/item " + item;
    }
}

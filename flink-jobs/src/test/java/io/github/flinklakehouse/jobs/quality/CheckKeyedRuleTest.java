package io.github.flinklakehouse.jobs.quality;

import static io.github.flinklakehouse.jobs.quality.QualityEvents.FIELDS;
import static io.github.flinklakehouse.jobs.quality.QualityEvents.event;
import static io.github.flinklakehouse.jobs.quality.QualityEvents.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed checks: uniqueness within a window and "seen before" (referential), with bounded state. */
class CheckKeyedRuleTest {

    @Test
    void uniqueFailsTheLaterRecordsOfAValueWithinTheWindow() throws Exception {
        QualityRule rule = rules("one_price_per_hour = price unique 1h -> drop").rules().get(0);
        IngestedClickEvent first = event(0, EventType.VIEW, 1, "9.99", null, null, 1);
        IngestedClickEvent duplicate = event(0, EventType.VIEW, 1, "9.99", null, null, 2);
        IngestedClickEvent withinHour = event(3599, EventType.VIEW, 2, "9.99", null, null, 3);
        IngestedClickEvent otherValue = event(10, EventType.VIEW, 3, "1.00", null, null, 4);
        IngestedClickEvent afterHour = event(2 * 3600, EventType.VIEW, 4, "9.99", null, null, 5);

        try (var harness = harness(rule)) {
            // Out of order: the verdicts follow event time, judged as the watermark passes.
            for (IngestedClickEvent e : List.of(afterHour, withinHour, first, otherValue, duplicate)) {
                harness.processElement(e, e.event().eventTime().toEpochMilli());
            }
            assertThat(harness.extractOutputValues()).isEmpty();
            harness.processWatermark(QualityEvents.T0.plusSeconds(2 * 3600).toEpochMilli());
            assertThat(harness.extractOutputValues()).containsExactly(first, otherValue, afterHour);
            assertThat(CheckRowRulesTest.deadLetters(harness)).extracting(DeadLetter::reason,
                    DeadLetter::sourcePosition).containsExactly(tuple("QUALITY_RULE", "t/0/2"),
                    tuple("QUALITY_RULE", "t/0/3"));
            assertThat(CheckRowRulesTest.deadLetters(harness).get(0).message())
                    .startsWith("Dropped by data-quality rule [one_price_per_hour] price = 9.99 does not pass");
            assertThat(CheckRowRulesTest.outcomes(harness)).extracting(QualityOutcome::passed)
                    .containsExactly(true, false, true, false, true);

            // Bounded state: once the watermark passes a value's latest time + the window, it is forgotten.
            assertThat(harness.numKeyedStateEntries()).as("first and latest of 9.99 since 2h").isEqualTo(2);
            harness.processWatermark(QualityEvents.T0.plusSeconds(3 * 3600).toEpochMilli());
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void seenBeforeChecksOnlyTheSelectedRecordsAgainstEveryEarlierRecord() throws Exception {
        QualityRule rule = rules("product_known = product_id seen-before 1d when event_type = purchase -> warn")
                .rules().get(0);
        IngestedClickEvent unknownPurchase = event(0, EventType.PURCHASE, 7, "1.00", null, null, 1);
        IngestedClickEvent view = event(10, EventType.VIEW, 8, "1.00", null, null, 2);
        IngestedClickEvent knownPurchase = event(20, EventType.PURCHASE, 8, "1.00", null, null, 3);
        IngestedClickEvent tooLate = event(20 + 86_400 + 11, EventType.PURCHASE, 8, "1.00", null, null, 4);
        IngestedClickEvent repeated = event(0, EventType.PURCHASE, 7, "1.00", null, null, 5);

        try (var harness = harness(rule)) {
            for (IngestedClickEvent e : List.of(unknownPurchase, view, knownPurchase, tooLate, repeated)) {
                harness.processElement(e, e.event().eventTime().toEpochMilli());
            }
            harness.processWatermark(Long.MAX_VALUE);
            // warn: every record passes on, and each passed record counts as seen.
            assertThat(harness.extractOutputValues()).hasSize(5);
            assertThat(CheckRowRulesTest.outcomes(harness)).extracting(QualityOutcome::passed)
                    .containsExactly(false, true, true, false);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(CheckRowRulesTest.deadLetters(harness)).isEmpty();
        }
    }

    @Test
    void recordsWithoutAValueAreNotChecked() throws Exception {
        QualityRule rule = rules("one_per_device = device unique 1h -> drop").rules().get(0);
        try (var harness = harness(rule)) {
            harness.processElement(event(0, EventType.VIEW, 1, "1.00", null, null, 1), 0);
            harness.processElement(event(0, EventType.VIEW, 1, "1.00", null, null, 2), 0);
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(CheckRowRulesTest.outcomes(harness)).isEmpty();
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aRestoreKeepsTheWaitingRecordsAndTheSeenValues() throws Exception {
        QualityRule rule = rules("one_price_per_hour = price unique 1h -> drop").rules().get(0);
        IngestedClickEvent seen = event(0, EventType.VIEW, 1, "9.99", null, null, 1);
        IngestedClickEvent waiting = event(600, EventType.VIEW, 2, "9.99", null, null, 2);
        OperatorSubtaskState snapshot;
        try (var harness = harness(rule)) {
            harness.processElement(seen, seen.event().eventTime().toEpochMilli());
            harness.processWatermark(seen.event().eventTime().toEpochMilli());
            harness.processElement(waiting, waiting.event().eventTime().toEpochMilli());
            assertThat(harness.extractOutputValues()).containsExactly(seen);
            snapshot = harness.snapshot(1L, 1L);
        }
        try (var restored = harness(rule, snapshot)) {
            restored.processWatermark(Long.MAX_VALUE);
            assertThat(restored.extractOutputValues()).isEmpty();
            assertThat(CheckRowRulesTest.deadLetters(restored)).extracting(DeadLetter::sourcePosition)
                    .containsExactly("t/0/2");
            assertThat(restored.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness(
            QualityRule rule) throws Exception {
        return harness(rule, null);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, IngestedClickEvent> harness(
            QualityRule rule, OperatorSubtaskState restoreFrom) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CheckKeyedRule<>(rule, FIELDS,
                        TypeInformation.of(IngestedClickEvent.class))), CheckKeyedRule.keyOf(rule, FIELDS),
                Types.STRING);
        if (restoreFrom != null) {
            harness.initializeState(restoreFrom);
        }
        harness.open();
        return harness;
    }
}

package io.github.flinklakehouse.jobs.quality;

import static io.github.flinklakehouse.jobs.quality.QualityEvents.FIELDS;
import static io.github.flinklakehouse.jobs.quality.QualityEvents.event;
import static io.github.flinklakehouse.jobs.quality.QualityEvents.rules;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import java.util.List;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Every row check with records that pass and fail, and what warn, drop and fail do with a failure. */
class CheckRowRulesTest {

    @Test
    void notNullRangeInMatchesAndFreshJudgeEachValue() throws Exception {
        QualityRules rules = rules(
                "device_present = device not-null -> warn",
                "price_range = price range 0..1000 -> warn",
                "quantity_range = quantity range 1..10 -> warn",
                "known_type = event_type in view|cart -> warn",
                "uuid_session = user_session matches [0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12} -> warn",
                "recent = event_time fresh 1h..5min -> warn");
        IngestedClickEvent good = event(0, EventType.VIEW, 1, "1000.00", "mobile", 10, 1);
        IngestedClickEvent emptyDevice = event(0, EventType.VIEW, 1, "0.00", "", 1, 2);
        IngestedClickEvent extreme = event(0, EventType.PURCHASE, 1, "1000000000000000000000000000000.01", null,
                Integer.MAX_VALUE, 3);
        IngestedClickEvent justOver = event(0, EventType.CART, 1, "1000.01", "tablet", 0, 4);
        IngestedClickEvent noQuantity = event(0, EventType.VIEW, 1, "5.00", "tablet", null, 5);

        try (OneInputStreamOperatorTestHarness<IngestedClickEvent, IngestedClickEvent> harness = harness(rules)) {
            for (IngestedClickEvent e : List.of(good, emptyDevice, extreme, justOver, noQuantity)) {
                harness.processElement(e, e.event().eventTime().toEpochMilli());
            }
            // warn passes everything on.
            assertThat(harness.extractOutputValues()).containsExactly(good, emptyDevice, extreme, justOver, noQuantity);
            assertThat(outcomes(harness)).filteredOn(o -> !o.passed()).extracting(QualityOutcome::rule).containsExactly(
                    "device_present", // ""
                    "device_present", "price_range", "quantity_range", "known_type", // extreme
                    "price_range", "quantity_range"); // just over
            // A null quantity is not checked by range (five records, one without quantity).
            assertThat(outcomes(harness)).filteredOn(o -> o.rule().equals("quantity_range")).hasSize(4);
            assertThat(outcomes(harness)).filteredOn(o -> o.rule().equals("recent")).hasSize(5)
                    .allMatch(QualityOutcome::passed);
        }
    }

    @Test
    void freshnessIsMeasuredFromWhenTheSourceReceivedTheRecord() {
        QualityCheck fresh = rules("recent = event_time fresh 1h..5min -> warn").rules().get(0).check();
        long received = QualityEvents.T0.toEpochMilli();

        assertThat(fresh.passes(QualityEvents.T0.minusSeconds(3600), received)).isTrue();
        assertThat(fresh.passes(QualityEvents.T0.minusSeconds(3601), received)).isFalse();
        assertThat(fresh.passes(QualityEvents.T0.plusSeconds(300), received)).isTrue();
        assertThat(fresh.passes(QualityEvents.T0.plusSeconds(301), received)).isFalse();
    }

    @Test
    void dropRoutesTheRecordToTheDeadLettersWithEveryFailedRuleNamed() throws Exception {
        QualityRules rules = rules(
                "price_range = price range 0..100 -> drop",
                "known_device = device in mobile|desktop -> drop",
                "has_quantity = quantity not-null -> warn");
        IngestedClickEvent passes = event(0, EventType.VIEW, 1, "100.00", "mobile", 1, 1);
        IngestedClickEvent failsBoth = event(10, EventType.VIEW, 1, "100.01", "fridge", null, 2);

        try (OneInputStreamOperatorTestHarness<IngestedClickEvent, IngestedClickEvent> harness = harness(rules)) {
            harness.processElement(passes, 0);
            harness.processElement(failsBoth, 0);

            assertThat(harness.extractOutputValues()).containsExactly(passes);
            List<DeadLetter> dropped = deadLetters(harness);
            assertThat(dropped).extracting(DeadLetter::reason, DeadLetter::source, DeadLetter::sourcePosition,
                    DeadLetter::seenAt).containsExactly(tuple("QUALITY_RULE", "kafka", "t/0/2",
                    failsBoth.ingestedAt()));
            assertThat(dropped.get(0).message()).isEqualTo("Dropped by data-quality rule [price_range] price = 100.01 "
                    + "does not pass 'price_range = price range 0..100 -> drop'; [known_device] device = fridge does "
                    + "not pass 'known_device = device in mobile|desktop -> drop'");
            assertThat(dropped.get(0).payload()).isEqualTo(JsonEventEncoder.encode(failsBoth.event()));
            // Every rule still checked the dropped record: the warn rule's failure is counted too.
            assertThat(outcomes(harness)).extracting(QualityOutcome::rule, QualityOutcome::passed).containsExactly(
                    tuple("price_range", true), tuple("known_device", true), tuple("has_quantity", true),
                    tuple("price_range", false), tuple("known_device", false), tuple("has_quantity", false));
        }
    }

    @Test
    void failStopsTheJobWithoutRestartsNamingTheRuleAndTheRecord() throws Exception {
        QualityRules rules = rules("user_session_uuid = user_session matches [a-z]+ -> fail");
        IngestedClickEvent bad = event(0, EventType.VIEW, 1, "1.00", "mobile", 1, 42);

        try (OneInputStreamOperatorTestHarness<IngestedClickEvent, IngestedClickEvent> harness = harness(rules)) {
            assertThatThrownBy(() -> harness.processElement(bad, 0))
                    .isInstanceOf(SuppressRestartsException.class)
                    .cause().isInstanceOf(QualityRuleFailure.class)
                    .hasMessage("Data-quality rule 'user_session_uuid' (action fail) failed: user_session = "
                            + "0c6ab4c0-2d6f-4b0e-9f0b-6c1e2f1b7a10 does not pass 'user_session_uuid = user_session "
                            + "matches [a-z]+ -> fail'. Sample record: " + JsonEventEncoder.encodeToString(bad.event())
                            + " from kafka t/0/42");
            assertThat(harness.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aConditionLimitsTheRecordsARuleChecks() throws Exception {
        QualityRules rules = rules("purchase_has_quantity = quantity not-null when event_type = purchase -> drop");
        IngestedClickEvent viewWithout = event(0, EventType.VIEW, 1, "1.00", "mobile", null, 1);
        IngestedClickEvent purchaseWithout = event(0, EventType.PURCHASE, 1, "1.00", "mobile", null, 2);
        IngestedClickEvent purchaseWith = event(0, EventType.PURCHASE, 1, "1.00", "mobile", 2, 3);

        try (OneInputStreamOperatorTestHarness<IngestedClickEvent, IngestedClickEvent> harness = harness(rules)) {
            for (IngestedClickEvent e : List.of(viewWithout, purchaseWithout, purchaseWith)) {
                harness.processElement(e, 0);
            }
            assertThat(harness.extractOutputValues()).containsExactly(viewWithout, purchaseWith);
            assertThat(deadLetters(harness)).extracting(DeadLetter::sourcePosition).containsExactly("t/0/2");
            assertThat(outcomes(harness)).extracting(QualityOutcome::passed).containsExactly(false, true);
        }
    }

    private static OneInputStreamOperatorTestHarness<IngestedClickEvent, IngestedClickEvent> harness(QualityRules rules)
            throws Exception {
        return ProcessFunctionTestHarnesses.forProcessFunction(new CheckRowRules<>(rules.rowRules(), FIELDS));
    }

    static List<QualityOutcome> outcomes(OneInputStreamOperatorTestHarness<?, ?> harness) {
        var side = harness.getSideOutput(RuleVerdicts.OUTCOMES);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<?, ?> harness) {
        var side = harness.getSideOutput(RuleVerdicts.DEAD_LETTERS);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }
}

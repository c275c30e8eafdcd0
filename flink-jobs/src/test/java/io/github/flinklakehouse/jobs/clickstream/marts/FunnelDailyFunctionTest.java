package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.drain;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.event;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.process;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The funnel mart operator on Flink's keyed test harness: distinct sessions per stage, rates, close, restore. */
class FunnelDailyFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");
    private static final long CLOSE_AT = DAY.plus(Duration.ofDays(1)).plus(LATENESS).toEpochMilli() - 1;

    @Test
    void countsDistinctSessionsPerStageAndClosesAtDayEndPlusLatenessAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Tuple3<Long, String, String>, IngestedClickEvent, FunnelDailyRow>
                harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            // s1: view, view again, cart; s2: view; s3: purchase without cart.
            process(harness, funnelEvent("01:00:00", EventType.VIEW, "s1"));
            process(harness, funnelEvent("01:01:00", EventType.VIEW, "s1"));
            process(harness, funnelEvent("01:02:00", EventType.CART, "s1"));
            process(harness, funnelEvent("02:00:00", EventType.VIEW, "s2"));
            process(harness, funnelEvent("03:00:00", EventType.PURCHASE, "s3"));
            harness.setProcessingTime(FLUSH.toMillis());
            FunnelDailyRow early = row(2, 1, 1, 1, 0, 0);
            assertThat(drain(harness)).containsExactly(early);
            assertThat(early.viewToCart()).isEqualByComparingTo("0.5000");
            assertThat(early.cartToPurchase()).isEqualByComparingTo("0.0000");
            assertThat(early.viewToPurchase()).isEqualByComparingTo("0.0000");
            snapshot = harness.snapshot(1L, 1L);
        }

        try (KeyedOneInputStreamOperatorTestHarness<Tuple3<Long, String, String>, IngestedClickEvent, FunnelDailyRow>
                restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            process(restored, funnelEvent("23:59:59", EventType.PURCHASE, "s1"));
            process(restored, funnelEvent("23:59:59", EventType.VIEW, "s3"));
            restored.processWatermark(CLOSE_AT - 1);
            assertThat(drain(restored)).isEmpty();
            restored.processWatermark(CLOSE_AT);
            FunnelDailyRow last = row(3, 1, 2, 1, 1, 2);
            assertThat(drain(restored)).containsExactly(last);
            assertThat(last.viewToCart()).isEqualByComparingTo("0.3333");
            assertThat(last.cartToPurchase()).isEqualByComparingTo("1.0000");
            assertThat(last.viewToPurchase()).isEqualByComparingTo("0.6667");
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void ratesAreNullWithoutADenominatorAndMissingCategoryAndBrandKeyAsEmpty() {
        FunnelDailyRow onlyPurchases = new FunnelDailyRow(DAY, "", "", 0, 0, 4, 0, 0, 0);
        assertThat(onlyPurchases.viewToCart()).isNull();
        assertThat(onlyPurchases.cartToPurchase()).isNull();
        assertThat(onlyPurchases.viewToPurchase()).isNull();
        assertThat(new FunnelDailyRow(DAY, "", "", 8, 0, 0, 1, 0, 0).viewToCart()).isEqualTo(new BigDecimal("0.1250"));

        assertThat(FunnelDailyFunction.keyOf(event("05:00:00", EventType.VIEW, 1, 1, "s", null, null, "1.00").event()))
                .isEqualTo(Tuple3.of(DAY.toEpochMilli(), "", ""));
        assertThat(FunnelDailyFunction.isFunnelStage(EventType.REMOVE_FROM_CART)).isFalse();
        assertThat(FunnelDailyFunction.isFunnelStage(EventType.PURCHASE)).isTrue();
    }

    private static KeyedOneInputStreamOperatorTestHarness<Tuple3<Long, String, String>, IngestedClickEvent, FunnelDailyRow>
            harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new FunnelDailyFunction(LATENESS, FLUSH)),
                e -> FunnelDailyFunction.keyOf(e.event()),
                Types.TUPLE(Types.LONG, Types.STRING, Types.STRING));
    }

    private static IngestedClickEvent funnelEvent(String time, EventType type, String session) {
        return event(time, type, 100, 1, session, "electronics.smartphone", "apple", "10.00");
    }

    private static FunnelDailyRow row(long viewed, long carted, long purchased, long viewedAndCarted,
            long cartedAndPurchased, long viewedAndPurchased) {
        return new FunnelDailyRow(DAY, "electronics.smartphone", "apple", viewed, carted, purchased, viewedAndCarted,
                cartedAndPurchased, viewedAndPurchased);
    }
}

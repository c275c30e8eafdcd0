package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.event;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartTestEvents.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The category operator of each level on Flink's keyed test harness, and the category of a code per level. */
class CategoryDailyFunctionTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");
    private static final long CLOSE_AT = Instant.parse("2019-10-02T00:10:00Z").toEpochMilli() - 1;

    @Test
    void categoryOfACodePerLevel() {
        assertThat(CategoryLevel.TOP.categoryOf("electronics.smartphone")).isEqualTo("electronics");
        assertThat(CategoryLevel.FULL.categoryOf("electronics.smartphone")).isEqualTo("electronics.smartphone");
        assertThat(CategoryLevel.TOP.categoryOf("apparel.shoes.keds")).isEqualTo("apparel");
        assertThat(CategoryLevel.TOP.categoryOf("kids")).isEqualTo("kids");
        assertThat(CategoryLevel.TOP.categoryOf(null)).isEmpty();
        assertThat(CategoryLevel.FULL.categoryOf(null)).isEmpty();
    }

    @Test
    void topLevelMergesSubcategoriesAndKeepsMissingCodesApartAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, CategoryDailyRow> harness =
                harness(CategoryLevel.TOP)) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, event("2019-10-01T01:00:00Z", EventType.VIEW, 1, "s1", 10, "electronics.smartphone", "1.00"));
            process(harness, event("2019-10-01T02:00:00Z", EventType.CART, 1, "s2", 11, "electronics.audio", "1.00"));
            process(harness, event("2019-10-01T03:00:00Z", EventType.VIEW, 2, "s3", 12, null, "1.00"));
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(rows(harness)).containsExactlyInAnyOrder(
                    new CategoryDailyRow(DAY, "top", "electronics", 2, 2, 1),
                    new CategoryDailyRow(DAY, "top", "", 1, 1, 1));
            snapshot = harness.snapshot(1L, 1L);
        }

        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, CategoryDailyRow> restored =
                harness(CategoryLevel.TOP)) {
            restored.initializeState(snapshot);
            restored.open();
            process(restored, event("2019-10-01T04:00:00Z", EventType.VIEW, 3, "s1", 10, "electronics", "1.00"));
            restored.processWatermark(CLOSE_AT - 1);
            assertThat(rows(restored)).isEmpty();
            restored.processWatermark(CLOSE_AT);
            assertThat(rows(restored)).containsExactlyInAnyOrder(
                    new CategoryDailyRow(DAY, "top", "electronics", 3, 2, 2),
                    new CategoryDailyRow(DAY, "top", "", 1, 1, 1));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    @Test
    void fullLevelKeepsEveryCodeApart() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, CategoryDailyRow> harness =
                harness(CategoryLevel.FULL)) {
            harness.open();
            process(harness, event("2019-10-01T01:00:00Z", EventType.VIEW, 1, "s1", 10, "electronics.smartphone", "1.00"));
            process(harness, event("2019-10-01T02:00:00Z", EventType.VIEW, 1, "s1", 11, "electronics.audio", "1.00"));
            process(harness, event("2019-10-01T03:00:00Z", EventType.VIEW, 2, "s2", 10, "electronics.smartphone", "1.00"));
            harness.processWatermark(Long.MAX_VALUE);
            assertThat(rows(harness)).containsExactlyInAnyOrder(
                    new CategoryDailyRow(DAY, "full", "electronics.smartphone", 2, 2, 2),
                    new CategoryDailyRow(DAY, "full", "electronics.audio", 1, 1, 1));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, CategoryDailyRow> harness(
            CategoryLevel level) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CategoryDailyFunction(level, LATENESS, FLUSH)),
                e -> CategoryDayKey.of(level, e.event()), Types.STRING);
    }

    private static void process(
            KeyedOneInputStreamOperatorTestHarness<String, IngestedClickEvent, CategoryDailyRow> harness,
            IngestedClickEvent event) throws Exception {
        harness.processElement(event, event.event().eventTime().toEpochMilli());
    }
}

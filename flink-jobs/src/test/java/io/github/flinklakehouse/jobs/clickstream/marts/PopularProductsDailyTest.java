package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.drain;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.event;
import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.process;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Both stages of popular_products_daily on Flink's keyed test harness. */
class PopularProductsDailyTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");
    private static final long DAY_START = DAY.toEpochMilli();
    private static final long CLOSE_AT = DAY.plus(Duration.ofDays(1)).plus(LATENESS).toEpochMilli() - 1;

    @Test
    void productStatsAreEmittedOnceTheProductHasAViewAndClearedAtClose() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Tuple2<Long, Long>, IngestedClickEvent, ProductDayStats> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new ProductDayStatsFunction(LATENESS, FLUSH)),
                        e -> ProductDayStatsFunction.keyOf(e.event()), Types.TUPLE(Types.LONG, Types.LONG))) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, event("01:00:00", EventType.CART, 7, 1, "s1"));
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).as("no view yet: not ranked").isEmpty();

            process(harness, event("02:00:00", EventType.VIEW, 7, 1, "s1"));
            process(harness, event("03:00:00", EventType.VIEW, 7, 2, "s2"));
            process(harness, event("04:00:00", EventType.PURCHASE, 7, 2, "s2"));
            process(harness, event("04:00:00", EventType.SEARCH, 7, 3, "s3"));
            harness.setProcessingTime(2 * FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly(new ProductDayStats(DAY_START, 7, 2, 3, 1, 1));

            harness.processWatermark(CLOSE_AT);
            assertThat(drain(harness)).containsExactly(new ProductDayStats(DAY_START, 7, 2, 3, 1, 1));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void rankerEmitsTheTopNByViewsWithTiesToTheSmallerProductAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Long, ProductDayStats, PopularProductRow> harness = ranker()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(stats(30, 5), DAY_START);
            harness.processElement(stats(20, 5), DAY_START);
            harness.processElement(stats(10, 1), DAY_START);
            harness.processElement(stats(40, 9), DAY_START);
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly(row(1, 40, 9), row(2, 20, 5), row(3, 30, 5));
            assertThat(harness.numProcessingTimeTimers()).isZero();
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<Long, ProductDayStats, PopularProductRow> restored = ranker()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            // Newer absolute numbers of product 10 replace its older ones.
            restored.processElement(stats(10, 6), DAY_START);
            restored.processWatermark(CLOSE_AT - 1);
            assertThat(drain(restored)).isEmpty();
            restored.processWatermark(CLOSE_AT);
            assertThat(drain(restored)).containsExactly(row(1, 40, 9), row(2, 10, 6), row(3, 20, 5));
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, ProductDayStats, PopularProductRow> ranker()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new PopularProductsRanker(3, LATENESS, FLUSH)),
                ProductDayStats::dayStart, Types.LONG);
    }

    private static ProductDayStats stats(long product, long views) {
        return new ProductDayStats(DAY_START, product, views, views + 1, product, 1);
    }

    private static PopularProductRow row(int rank, long product, long views) {
        return new PopularProductRow(DAY, rank, product, views, views + 1, product, 1);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import static io.github.flinklakehouse.jobs.clickstream.marts.MartEvents.drain;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The ranker of trending_products on Flink's keyed test harness: late firings re-rank until the window closes. */
class TrendingProductsRankerTest {

    private static final Duration WINDOW = Duration.ofMinutes(5);
    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final Instant END = Instant.parse("2019-10-01T10:05:00Z");
    private static final long WINDOW_END = END.toEpochMilli();

    @Test
    void ranksByCartsThenProductAndClosesAtWindowEndPlusLateness() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<Long, TrendingCount, TrendingProductRow> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new TrendingProductsRanker(2, WINDOW, LATENESS, FLUSH)),
                        TrendingCount::windowEnd, Types.LONG)) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(new TrendingCount(WINDOW_END, 5, 2), WINDOW_END - 1);
            harness.processElement(new TrendingCount(WINDOW_END, 3, 2), WINDOW_END - 1);
            harness.processElement(new TrendingCount(WINDOW_END, 9, 1), WINDOW_END - 1);
            harness.processWatermark(WINDOW_END - 1);
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly(row(1, 3, 2), row(2, 5, 2));

            // A late firing: product 9 now has 3 carts.
            harness.processElement(new TrendingCount(WINDOW_END, 9, 3), WINDOW_END - 1);
            harness.setProcessingTime(2 * FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly(row(1, 9, 3), row(2, 3, 2));

            harness.processWatermark(WINDOW_END - 1 + LATENESS.toMillis());
            assertThat(drain(harness)).containsExactly(row(1, 9, 3), row(2, 3, 2));
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    private static TrendingProductRow row(int rank, long product, long carts) {
        return new TrendingProductRow(END, rank, END.minus(WINDOW), product, carts);
    }
}

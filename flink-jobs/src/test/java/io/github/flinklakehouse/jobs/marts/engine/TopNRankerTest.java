package io.github.flinklakehouse.jobs.marts.engine;

import static io.github.flinklakehouse.jobs.testing.HarnessRecords.drain;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The top-N ranker: the latest entry per entity, ranked with ties broken, re-ranked across a restore, then cleared. */
class TopNRankerTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final long DAY = 86_400_000L * 18_000;
    private static final long CLOSE = DAY + 86_400_000L - 1 + LATENESS.toMillis();

    /** (day, product, views), ranked by views descending, ties to the smaller product. */
    private static final TopN<Tuple3<Long, Long, Long>, Long, Long, String> TOP_3 = new TopN<>(3,
            Types.LONG, entry -> entry.f0, Types.LONG, entry -> entry.f1,
            (a, b) -> a.f2.equals(b.f2) ? Long.compare(a.f1, b.f1) : Long.compare(b.f2, a.f2),
            day -> day + 86_400_000L,
            (day, rank, entry) -> rank + ":" + entry.f1 + "=" + entry.f2);

    @Test
    void ranksTheTopNWithTiesToTheSmallerEntityAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<Long, Tuple3<Long, Long, Long>, String> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(Tuple3.of(DAY, 30L, 5L), DAY);
            harness.processElement(Tuple3.of(DAY, 20L, 5L), DAY);
            harness.processElement(Tuple3.of(DAY, 10L, 1L), DAY);
            harness.processElement(Tuple3.of(DAY, 40L, 9L), DAY);
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(drain(harness)).containsExactly("1:40=9", "2:20=5", "3:30=5");
            assertThat(harness.numProcessingTimeTimers()).isZero();
            snapshot = harness.snapshot(1L, 1L);
        }
        try (KeyedOneInputStreamOperatorTestHarness<Long, Tuple3<Long, Long, Long>, String> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setProcessingTime(5_000);
            // Newer absolute numbers of product 10 replace its older ones.
            restored.processElement(Tuple3.of(DAY, 10L, 6L), DAY);
            restored.processWatermark(CLOSE - 1);
            assertThat(drain(restored)).isEmpty();
            restored.processWatermark(CLOSE);
            assertThat(drain(restored)).containsExactly("1:40=9", "2:10=6", "3:20=5");
            assertThat(restored.numKeyedStateEntries()).isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(restored.numProcessingTimeTimers()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<Long, Tuple3<Long, Long, Long>, String> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new TopNRanker<>(TOP_3,
                TypeInformation.of(new org.apache.flink.api.common.typeinfo.TypeHint<Tuple3<Long, Long, Long>>() { }),
                LATENESS.toMillis(), FLUSH.toMillis())), entry -> entry.f0, Types.LONG);
    }
}

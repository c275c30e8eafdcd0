package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.marts.UtcPeriod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.junit.jupiter.api.Test;

/** A dimension's stage: exact distinct counts split by the counted value, as +1/-1 changes per key. */
class DimensionStageOperatorTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final long HOUR_10 = Instant.parse("2019-10-01T10:00:00Z").toEpochMilli();
    private static final long DAY = Instant.parse("2019-10-01T00:00:00Z").toEpochMilli();

    private final Visit.Hourly hourly = new Visit.Hourly();
    private final Visit.PageFunnel funnel = new Visit.PageFunnel();

    @Test
    void aValueCountsOncePerKeyAcrossARestoreAndIsForgottenWhenTheKeyCloses() throws Exception {
        OperatorSubtaskState snapshot;
        try (MartStageHarness<Visit, String, Void> harness = harness()) {
            harness.open();
            harness.setProcessingTime(0);
            process(harness, Visit.of("2019-10-01T10:05:00Z", "home", "ann", 0));
            process(harness, Visit.of("2019-10-01T10:06:00Z", "cart", "ann", 0));
            process(harness, Visit.of("2019-10-01T10:07:00Z", "home", "bob", 0));
            harness.processWatermark(new Watermark(HOUR_10 + 60_000));
            assertThat(harness.drainPartials(hourly.aggregation)).as("no key closes yet: still buffered").isEmpty();
            harness.prepareSnapshotPreBarrier(1L);
            assertThat(visitors(harness.drainPartials(hourly.aggregation))).containsExactly(Map.entry(HOUR_10, 2L));
            snapshot = harness.snapshot(1L, 1L);
        }
        try (MartStageHarness<Visit, String, Void> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            process(restored, Visit.of("2019-10-01T10:30:00Z", "home", "ann", 0));
            process(restored, Visit.of("2019-10-01T10:31:00Z", "home", "cid", 0));
            restored.processWatermark(new Watermark(HOUR_10 + UtcPeriod.HOUR_MILLIS - 1 + LATENESS.toMillis()));
            assertThat(visitors(restored.drainPartials(hourly.aggregation)))
                    .as("ann was seen before the checkpoint: only cid is new").containsExactly(Map.entry(HOUR_10, 1L));

            restored.processWatermark(new Watermark(UtcPeriod.DAY.endOf(DAY) - 1 + LATENESS.toMillis()));
            assertThat(restored.numKeyedStateEntries()).as("every key closed, nothing remembered").isZero();
            assertThat(restored.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void flagsMoveAValueBetweenCountsWithPlusAndMinusOne() throws Exception {
        try (MartStageHarness<Visit, String, Void> harness = harness()) {
            harness.open();
            Visit.PageDay home = new Visit.PageDay("home", DAY);
            process(harness, Visit.of("2019-10-01T10:05:00Z", "home", "ann", 0));
            harness.endInput();
            assertThat(harness.drainPartials(funnel.aggregation)).singleElement().satisfies(p -> {
                assertThat(p.f0).isEqualTo(home);
                assertThat(funnel.viewed.of(p.f1)).isOne();
                assertThat(funnel.spent.of(p.f1)).isZero();
                assertThat(funnel.both.of(p.f1)).isZero();
            });

            process(harness, Visit.of("2019-10-01T10:06:00Z", "home", "ann", 12));
            process(harness, Visit.of("2019-10-01T10:07:00Z", "home", "ann", 3));
            harness.endInput();
            assertThat(harness.drainPartials(funnel.aggregation)).singleElement().satisfies(p -> {
                assertThat(funnel.viewed.of(p.f1)).as("still viewed: no change").isZero();
                assertThat(funnel.spent.of(p.f1)).isOne();
                assertThat(funnel.both.of(p.f1)).isOne();
            });
        }
    }

    @Test
    void countsOfAKeySeenAgainAfterASizeBoundFlushGoToANewPartial() throws Exception {
        try (MartStageHarness<Visit, String, Void> harness = MartStageHarness.distinct(Visit.VISITOR,
                List.of(hourly.aggregation, funnel.aggregation), LATENESS, FLUSH, 2)) {
            harness.open();
            for (int visitor = 0; visitor < 3_000; visitor++) {
                for (int hour = 0; hour < 3; hour++) {
                    long time = HOUR_10 + hour * UtcPeriod.HOUR_MILLIS + 300_000;
                    process(harness, Visit.of(Instant.ofEpochMilli(time).toString(), "home", "v" + visitor, 0));
                }
            }
            harness.endInput();
            List<Tuple2<Long, long[]>> partials = harness.drainPartials(hourly.aggregation);
            assertThat(partials.size()).as("flushed on the bound, every 1,024 batches").isGreaterThan(3);
            assertThat(visitors(partials)).as("every visitor counted once per hour, before and after each flush")
                    .containsExactlyInAnyOrderEntriesOf(Map.of(HOUR_10, 3_000L, HOUR_10 + UtcPeriod.HOUR_MILLIS,
                            3_000L, HOUR_10 + 2 * UtcPeriod.HOUR_MILLIS, 3_000L));
        }
    }

    private MartStageHarness<Visit, String, Void> harness() throws Exception {
        return MartStageHarness.distinct(Visit.VISITOR, List.of(hourly.aggregation, funnel.aggregation), LATENESS, FLUSH,
                MartEngineSettings.DEFAULT_MAX_BUFFERED_KEYS);
    }

    private static void process(MartStageHarness<Visit, String, Void> harness, Visit visit) throws Exception {
        harness.processEvent(visit, visit.time);
    }

    private Map<Long, Long> visitors(List<Tuple2<Long, long[]>> partials) {
        return partials.stream().collect(Collectors.toMap(p -> p.f0, p -> hourly.visitors.of(p.f1), Long::sum));
    }
}

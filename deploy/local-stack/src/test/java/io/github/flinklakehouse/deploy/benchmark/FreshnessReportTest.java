package io.github.flinklakehouse.deploy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nearest-rank percentiles of the freshness samples and the report's completeness rule. */
class FreshnessReportTest {

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        List<Long> nanos = new ArrayList<>();
        for (long millis = 1; millis <= 100; millis++) {
            nanos.add(millis * 1_000_000);
        }
        Collections.shuffle(nanos);

        FreshnessReport.Latencies latencies = FreshnessReport.Latencies.of(nanos, 0);

        assertThat(latencies.samples()).isEqualTo(100);
        assertThat(latencies.p50()).isEqualTo(50);
        assertThat(latencies.p95()).isEqualTo(95);
        assertThat(latencies.p99()).isEqualTo(99);
        assertThat(latencies.max()).isEqualTo(100);
        assertThat(FreshnessReport.Latencies.of(List.of(7_000_000L), 0).p99()).isEqualTo(7);
    }

    @Test
    void aReportWithAMartThatNeverShowedASampleIsNotComplete() {
        FreshnessReport.Latencies seen = FreshnessReport.Latencies.of(List.of(1_000_000L), 0);
        FreshnessReport.Latencies neverSeen = FreshnessReport.Latencies.of(List.of(), 3);

        assertThat(report(Map.of("traffic_hourly", seen)).complete()).isTrue();
        assertThat(report(Map.of("traffic_hourly", seen, "sessions", neverSeen)).complete()).isFalse();
        assertThat(report(Map.of("traffic_hourly", neverSeen)).render())
                .contains("traffic_hourly").contains("not seen");
    }

    @Test
    void aSoakFailsWhenHeapOrStateKeepsGrowingAfterWarmUpOrAnEventWasLostOrDoubled() {
        List<SoakSample> flat = samples(100, 100, 150, 90, 110, 105, 100);
        List<SoakSample> growing = samples(100, 100, 100, 140, 180, 230, 290);

        assertThat(SoakVerdict.of(flat, 10, 10, 10).passed()).isTrue();
        assertThat(SoakVerdict.of(growing, 10, 10, 10).stateGrowing()).isTrue();
        assertThat(SoakVerdict.of(growing, 10, 10, 10).passed()).isFalse();
        assertThat(SoakVerdict.of(flat, 10, 9, 10).passed()).as("one event lost").isFalse();
        assertThat(SoakVerdict.of(flat, 10, 10, 11).passed()).as("one event doubled").isFalse();
        assertThat(SoakVerdict.of(samples(100, 500), 10, 10, 10).passed()).as("too few samples to judge growth")
                .isTrue();
    }

    @Test
    void aSoakReportShowsWhichOperatorsStateGrew() {
        String rendered = new FreshnessReport(50_000, 100, 50_000, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMillis(100), Map.of(), "1.00",
                samples(100 << 20, 100 << 20, 100 << 20, 140 << 20, 180 << 20, 230 << 20, 290 << 20),
                SoakVerdict.of(samples(1, 1, 1), 1, 1, 1)).render();

        assertThat(rendered).contains("State per operator chain").contains("100.0 ->      290.0  Sessions");
    }

    private static List<SoakSample> samples(long... stateBytes) {
        List<SoakSample> samples = new ArrayList<>();
        for (int i = 0; i < stateBytes.length; i++) {
            samples.add(new SoakSample(60L * i, 1000L * i, 100, stateBytes[i], Map.of("Sessions", stateBytes[i]), 50, Map.of(), Map.of(), 1, 1));
        }
        return samples;
    }

    private static FreshnessReport report(Map<String, FreshnessReport.Latencies> latencies) {
        return new FreshnessReport(50_000, 100, 50_000, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMillis(100), latencies, "1.00", List.of(), null);
    }
}

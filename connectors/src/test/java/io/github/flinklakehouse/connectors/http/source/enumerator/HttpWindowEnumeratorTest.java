package io.github.flinklakehouse.connectors.http.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class HttpWindowEnumeratorTest {

    private static final Instant START = Instant.parse("2026-09-19T00:00:00Z");
    private static final long HOUR = 3_600_000L;

    private static HttpSourceOptions options(Instant end, Duration publishDelay) {
        return new HttpSourceOptions(Duration.ofHours(1), START, end, publishDelay, Duration.ofSeconds(30), 1000,
                10, Duration.ofSeconds(1), 3, Duration.ofMillis(10), Duration.ofMillis(100), 0.1, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 100, 1_000_000, Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ZERO);
    }

    private static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static List<String> assigned(MockSplitEnumeratorContext<HttpWindowSplit> context, int subtask) {
        return context.getSplitsAssignmentSequence().stream()
                .flatMap(a -> a.assignment().getOrDefault(subtask, List.of()).stream())
                .map(HttpWindowSplit::splitId)
                .collect(Collectors.toList());
    }

    @Test
    void liveRunCreatesOnlyWindowsWhosePublishDelayHasPassed() throws Throwable {
        try (MockSplitEnumeratorContext<HttpWindowSplit> context = new MockSplitEnumeratorContext<>(2)) {
            // 02:20: window 00-01 is due at 01:10, 01-02 at 02:10, 02-03 only at 03:10.
            HttpWindowEnumerator enumerator = new HttpWindowEnumerator(context, options(null, Duration.ofMinutes(10)),
                    List.of("kma", "kec"), at(START.plus(Duration.ofMinutes(140))), null);
            enumerator.start();
            assertThat(context.getPeriodicCallables()).hasSize(1);
            context.runPeriodicCallable(0);

            HttpEnumeratorState state = enumerator.snapshotState(1L);
            assertThat(state.nextWindowStartMs())
                    .containsEntry("kma", START.toEpochMilli() + 2 * HOUR)
                    .containsEntry("kec", START.toEpochMilli() + 2 * HOUR);
            // Oldest window first across endpoints, so a catch-up advances every endpoint's event time together.
            assertThat(state.pendingSplits()).extracting(HttpWindowSplit::splitId).containsExactly(
                    "kma@" + START.toEpochMilli(), "kec@" + START.toEpochMilli(),
                    "kma@" + (START.toEpochMilli() + HOUR), "kec@" + (START.toEpochMilli() + HOUR));
        }
    }

    @Test
    void assignsOneWindowPerRequestAndFinishesABoundedRun() throws Throwable {
        try (MockSplitEnumeratorContext<HttpWindowSplit> context = new MockSplitEnumeratorContext<>(2)) {
            HttpWindowEnumerator enumerator = new HttpWindowEnumerator(context,
                    options(START.plus(Duration.ofHours(3)), Duration.ZERO), List.of("kma"), at(START.plus(Duration.ofDays(1))),
                    null);
            context.registerReader(new ReaderInfo(0, "host0"));
            context.registerReader(new ReaderInfo(1, "host1"));
            enumerator.start();
            enumerator.handleSplitRequest(0, "host0"); // before discovery: waits
            assertThat(context.getSplitsAssignmentSequence()).isEmpty();

            context.runPeriodicCallable(0);
            assertThat(assigned(context, 0)).containsExactly("kma@" + START.toEpochMilli());

            enumerator.handleSplitRequest(1, "host1");
            enumerator.handleSplitRequest(0, "host0");
            assertThat(assigned(context, 1)).containsExactly("kma@" + (START.toEpochMilli() + HOUR));
            assertThat(assigned(context, 0)).containsExactly(
                    "kma@" + START.toEpochMilli(), "kma@" + (START.toEpochMilli() + 2 * HOUR));
            assertThat(context.getSplitsAssignmentSequence()).hasSize(3);

            assertThat(context.hasNoMoreSplits(1)).isFalse();
            enumerator.handleSplitRequest(1, "host1");
            assertThat(context.getSplitsAssignmentSequence()).hasSize(3);
            assertThat(context.hasNoMoreSplits(1)).isTrue();
            assertThat(context.hasNoMoreSplits(0)).isFalse();
            assertThat(enumerator.snapshotState(2L).pendingSplits()).isEmpty();
        }
    }

    @Test
    void splitsGivenBackAreReassignedFirstWithTheirPosition() throws Throwable {
        try (MockSplitEnumeratorContext<HttpWindowSplit> context = new MockSplitEnumeratorContext<>(1)) {
            HttpWindowEnumerator enumerator = new HttpWindowEnumerator(context,
                    options(START.plus(Duration.ofHours(2)), Duration.ZERO), List.of("kma"), at(START.plus(Duration.ofDays(1))),
                    null);
            context.registerReader(new ReaderInfo(0, "host0"));
            enumerator.start();
            context.runPeriodicCallable(0);
            enumerator.handleSplitRequest(0, "host0"); // window 0 goes to reader 0, which then fails
            HttpWindowSplit midWindow = new HttpWindowSplit("kma", START.toEpochMilli(), START.toEpochMilli() + HOUR, 2,
                    null, 3, false);
            enumerator.addSplitsBack(List.of(midWindow), 0);
            assertThat(enumerator.snapshotState(1L).pendingSplits()).extracting(HttpWindowSplit::splitId).containsExactly(
                    "kma@" + START.toEpochMilli(), "kma@" + (START.toEpochMilli() + HOUR));
            enumerator.handleSplitRequest(0, "host0");
            assertThat(context.getSplitsAssignmentSequence().get(1).assignment().get(0)).containsExactly(midWindow);
        }
    }

    @Test
    void restoredEnumeratorContinuesAfterTheCheckpointedWindowsAndNewEndpointsStartAtTheStart() throws Throwable {
        try (MockSplitEnumeratorContext<HttpWindowSplit> context = new MockSplitEnumeratorContext<>(1)) {
            HttpEnumeratorState checkpoint = new HttpEnumeratorState(
                    java.util.Map.of("kma", START.toEpochMilli() + 2 * HOUR), List.of());
            HttpWindowEnumerator enumerator = new HttpWindowEnumerator(context,
                    options(START.plus(Duration.ofHours(3)), Duration.ZERO), List.of("kma", "kec"),
                    at(START.plus(Duration.ofDays(1))), checkpoint);
            enumerator.start();
            context.runPeriodicCallable(0);
            assertThat(enumerator.snapshotState(1L).pendingSplits()).extracting(HttpWindowSplit::splitId).containsExactly(
                    "kec@" + START.toEpochMilli(), "kec@" + (START.toEpochMilli() + HOUR),
                    "kma@" + (START.toEpochMilli() + 2 * HOUR), "kec@" + (START.toEpochMilli() + 2 * HOUR));
        }
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.marts.engine.MartStageHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.junit.jupiter.api.Test;

/**
 * What an open session costs in the session stage's checkpoint: every distinct count it entered (hours, days, the
 * month, categories, products, funnel stages), its sessions row and its timer. The soak's state grows with the
 * sessions of the session timeout plus the allowed lateness, so this figure sets how many a TaskManager holds.
 */
class SessionStageStateSizeTest {

    /** Was 2,228 bytes before the compact memberships layout and the dropped per-close timers. */
    private static final long MAX_BYTES_PER_SESSION = 1_250;

    @Test
    void anOpenSessionCostsAboutOneKilobyteOfCheckpointedState() throws Exception {
        ClickstreamSettings settings = new ClickstreamSettings(Duration.ofSeconds(5), Duration.ofMinutes(1),
                Duration.ofHours(1), Duration.ofSeconds(1));
        ClickEventGenerator generator = new ClickEventGenerator(new GeneratorConfig(1,
                Instant.parse("2026-12-03T10:00:00Z"), 20_000, Duration.ofMillis(2), 10_000, 5_000));
        List<ClickMartEvent> events = new ArrayList<>();
        Set<String> sessions = new HashSet<>();
        while (generator.hasNext()) {
            ClickEvent event = generator.next();
            sessions.add(event.userSession());
            events.add(ClickMartEvent.of(new IngestedClickEvent(event, "clicks", "clicks/0/" + events.size(),
                    Instant.EPOCH)));
        }
        long bytes;
        try (MartStageHarness<ClickMartEvent, String, SessionRow> stage = MartStageHarness.stageOf(
                ClickstreamMarts.of(settings), ClickDimensions.SESSION, Duration.ofHours(1), Duration.ofSeconds(1))) {
            stage.open();
            for (int i = 0; i < events.size(); i += 500) {
                stage.processEvents(events.subList(i, Math.min(events.size(), i + 500)), events.get(i).eventTime);
            }
            stage.prepareSnapshotPreBarrier(1);
            OperatorSubtaskState state = stage.snapshot(1, 1);
            bytes = state.getManagedKeyedState().stream().mapToLong(KeyedStateHandle::getStateSize).sum();
            assertThat(stage.numEventTimeTimers()).as("one close timer per session").isEqualTo(sessions.size());
        }
        long perSession = bytes / sessions.size();
        System.out.printf("Session stage: %,d sessions of %,d events, %,d bytes of keyed state, %,d bytes per session%n",
                sessions.size(), events.size(), bytes, perSession);
        assertThat(perSession).isLessThanOrEqualTo(MAX_BYTES_PER_SESSION);
    }
}

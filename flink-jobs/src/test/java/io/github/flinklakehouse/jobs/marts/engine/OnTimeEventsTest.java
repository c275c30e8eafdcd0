package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The single lateness decision: an event counts while watermark < event time + allowed lateness. */
class OnTimeEventsTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final long T = Instant.parse("2019-10-01T00:30:00Z").toEpochMilli();

    @Test
    void passesEventsUntilTheWatermarkReachesEventTimePlusLateness() throws Exception {
        // The events are their own event times (epoch millis).
        OnTimeEvents<Long> onTime = new OnTimeEvents<>(LATENESS, time -> time, Types.LONG);
        try (OneInputStreamOperatorTestHarness<Long, Long> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(onTime))) {
            harness.open();
            long beforeAnyWatermark = T - Duration.ofDays(30).toMillis();
            harness.processElement(beforeAnyWatermark, beforeAnyWatermark);

            harness.processWatermark(T + LATENESS.toMillis() - 1);
            harness.processElement(T, T);

            harness.processWatermark(T + LATENESS.toMillis());
            long late = T - 1;
            long newer = T + 1_000;
            harness.processElement(late, late);
            harness.processElement(newer, newer);

            assertThat(harness.extractOutputValues()).containsExactly(beforeAnyWatermark, T, newer);
            assertThat(harness.getSideOutput(OnTimeEvents.lateEventsOf(Types.LONG))).extracting(StreamRecord::getValue)
                    .containsExactly(late);
            assertThat(onTime.lateEvents()).isEqualTo(OnTimeEvents.lateEventsOf(Types.LONG));
        }
    }
}

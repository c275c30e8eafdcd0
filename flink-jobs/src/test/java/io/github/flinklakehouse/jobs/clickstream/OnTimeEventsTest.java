package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The single lateness decision: an event counts while watermark < event time + allowed lateness. */
class OnTimeEventsTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Instant T = Instant.parse("2019-10-01T00:30:00Z");

    @Test
    void passesEventsUntilTheWatermarkReachesEventTimePlusLateness() throws Exception {
        try (OneInputStreamOperatorTestHarness<IngestedClickEvent, IngestedClickEvent> harness =
                new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new OnTimeEvents(LATENESS)))) {
            harness.open();
            IngestedClickEvent beforeAnyWatermark = event(T.minus(Duration.ofDays(30)), "p0");
            harness.processElement(beforeAnyWatermark, 0);

            harness.processWatermark(T.plus(LATENESS).toEpochMilli() - 1);
            IngestedClickEvent justInTime = event(T, "p1");
            harness.processElement(justInTime, T.toEpochMilli());

            harness.processWatermark(T.plus(LATENESS).toEpochMilli());
            IngestedClickEvent late = event(T, "p2");
            IngestedClickEvent newer = event(T.plus(Duration.ofSeconds(1)), "p3");
            harness.processElement(late, T.toEpochMilli());
            harness.processElement(newer, newer.event().eventTime().toEpochMilli());

            assertThat(harness.extractOutputValues()).containsExactly(beforeAnyWatermark, justInTime, newer);
            assertThat(harness.getSideOutput(OnTimeEvents.LATE_EVENTS)).extracting(StreamRecord::getValue)
                    .containsExactly(late);
        }
    }

    private static IngestedClickEvent event(Instant time, String position) {
        ClickEvent event = new ClickEvent(time, EventType.VIEW, 1, 2, null, null, BigDecimal.ONE, 3, "s", null);
        return new IngestedClickEvent(event, "kafka", position, time);
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/** Small builders shared by the mart operator tests. */
final class MartTestEvents {

    private MartTestEvents() {
    }

    /** An event at {@code time} (ISO instant) of {@code type} by {@code user} in {@code session}. */
    static IngestedClickEvent event(String time, EventType type, long user, String session, long product,
            String categoryCode, String price) {
        ClickEvent event = new ClickEvent(Instant.parse(time), type, product, 2053013552326770905L, categoryCode, null,
                new BigDecimal(price), user, session, null);
        return new IngestedClickEvent(event, "kafka", "t/0/" + user, Instant.parse("2030-01-01T00:00:00Z"));
    }

    /** A view event without category. */
    static IngestedClickEvent view(String time, long user, String session) {
        return event(time, EventType.VIEW, user, session, 100, null, "1.00");
    }

    /** Every record the harness emitted so far, watermarks left out. */
    @SuppressWarnings("unchecked")
    static <R> List<R> rows(AbstractStreamOperatorTestHarness<R> harness) {
        return harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<R>) r).getValue())
                .toList();
    }
}

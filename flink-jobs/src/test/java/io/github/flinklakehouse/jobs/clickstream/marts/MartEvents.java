package io.github.flinklakehouse.jobs.clickstream.marts;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;

/** Small builders for the mart operator tests. */
final class MartEvents {

    static final String DAY = "2019-10-01";

    private MartEvents() {
    }

    /** An event at {@code DAY + time} (e.g. "00:10:00"). */
    static IngestedClickEvent event(String time, EventType type, long product, long user, String session,
            String categoryCode, String brand, String price) {
        ClickEvent event = new ClickEvent(Instant.parse(DAY + "T" + time + "Z"), type, product, 2053013552326770905L,
                categoryCode, brand, new BigDecimal(price), user, session, null);
        return new IngestedClickEvent(event, "kafka", "clicks/0/" + product, Instant.parse("2019-10-02T02:00:00Z"));
    }

    static IngestedClickEvent event(String time, EventType type, long product, long user, String session) {
        return event(time, type, product, user, session, "electronics.smartphone", "apple", "10.00");
    }

    /** Processes {@code event} with its event time as the record timestamp. */
    static void process(OneInputStreamOperatorTestHarness<IngestedClickEvent, ?> harness,
            IngestedClickEvent event) throws Exception {
        harness.processElement(event, event.event().eventTime().toEpochMilli());
    }

    /** The rows emitted so far, in order; clears the output. */
    @SuppressWarnings("unchecked")
    static <R> List<R> drain(OneInputStreamOperatorTestHarness<?, R> harness) {
        List<R> rows = harness.getOutput().stream()
                .filter(StreamRecord.class::isInstance)
                .map(r -> ((StreamRecord<R>) r).getValue())
                .toList();
        harness.getOutput().clear();
        return rows;
    }

    static long millis(String time) {
        return Instant.parse(DAY + "T" + time + "Z").toEpochMilli();
    }
}

package io.github.flinklakehouse.jobs.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogJsonEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A replay parses each rejected record the way its source was parsed: Kafka and JSON-lines files as JSON, CSV as CSV. */
class ReparseRejectedTest {

    private static final Instant SEEN = Instant.parse("2025-01-11T00:00:00Z");
    private static final String APP_LOG = "{\"event_time\":\"2025-01-10T12:30:15Z\",\"event_type\":\"page_view\","
            + "\"user_id\":\"u000123\",\"session_id\":\"s\",\"product_id\":\"p0045\",\"price\":29000}";

    @Test
    void jsonLinesFileRecordsAreReadAsJsonInTheDeclaredFormat() throws Exception {
        AppLogJsonEncoder encoder = new AppLogJsonEncoder(IdPattern.parse("u######"), IdPattern.parse("p####"));
        ReparseRejected reparse = new ReparseRejected(EventValidation.defaults().withFormat(encoder.format()));
        byte[] payload = APP_LOG.getBytes(StandardCharsets.UTF_8);
        try (var harness = new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(reparse))) {
            harness.open();
            harness.processElement(new ReplayCandidate("file", "file:/logs/app.jsonl.gz:7", payload, SEEN,
                    "WRONG_TYPE"), 0L);
            harness.processElement(new ReplayCandidate("kafka", "app/0/7", payload, SEEN, "WRONG_TYPE"), 0L);
            harness.processElement(new ReplayCandidate("file", "file:/data/2019-Oct.csv:7", payload, SEEN,
                    "WRONG_FIELD_COUNT"), 0L);

            assertThat(harness.extractOutputValues()).extracting(IngestedClickEvent::sourcePosition,
                    e -> e.event().userId(), e -> e.event().productId())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("file:/logs/app.jsonl.gz:7", 123L, 45L),
                            org.assertj.core.groups.Tuple.tuple("app/0/7", 123L, 45L));
        }
    }
}

package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositionCounts;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rejectedReasons;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.testing.LakehouseCommand;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehouse replay} on the real stack: events rejected as OVERSIZED by the running job are accepted
 * after the limit is raised, land in the S3 lake once with their original Kafka positions, and a second
 * replay adds nothing.
 */
@ExtendWith(LocalStackExtension.class)
class ReplaySystemTest {
    private static final int EVENTS = 2_000;
    private static final int OVERSIZED = 3;
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void replayAcceptsFixedRecordsOnceWithTheirOriginalPositions(LocalStack localStack, @TempDir Path dir) throws Exception {
        var stack = localStack.endpoints();
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "clickstream-replay-" + runId;
        KafkaTopics.ensure(stack.kafkaBootstrapServers(), topic, 2);
        // Kafka timestamps of this test's records are after this instant: the replay selects only them.
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        List<ClickEvent> events = new ArrayList<>(ClickEventGenerator.stream(new GeneratorConfig(
                11L, Instant.parse("2019-10-01T00:00:00Z"), EVENTS, Duration.ofSeconds(1), 300, 200)).toList());
        for (int i = 0; i < OVERSIZED; i++) {
            // Valid events whose JSON (about 1,200 bytes) exceeds the job's too strict 1,000-byte payload limit.
            events.add(new ClickEvent(Instant.parse("2019-10-01T00:10:00Z").plusSeconds(i), EventType.SEARCH, 1, 2,
                    null, null, new BigDecimal("0.00"), 3, "s-" + i, null, null, null, "r".repeat(500), "q".repeat(500)));
        }
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(stack.kafkaBootstrapServers(), topic,
                KafkaEventPublisher.UNLIMITED)) {
            publisher.publish(events.iterator());
        }
        Path config = StackJobConfigFile.write(dir.resolve("clickstream.properties"), stack, Map.of(
                "clickstream.kafka.topic", topic, "clickstream.kafka.group-id", "replay-" + runId, "marts.schema", "marts_replay_" + runId,
                "pipeline.checkpoint-interval", "2 s", "clickstream.max-payload-bytes", "1000"));
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        String jobId = new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, DEADLINE);
        try (JdbcCatalog catalog = catalog(stack)) {
            try {
                awaitEqual(() -> rawPositionCounts(catalog, topic), Map.of("rows", (long) EVENTS, "distinct", (long) EVENTS),
                        DEADLINE);
                awaitEqual(() -> rejectedReasons(catalog, topic), Map.of("OVERSIZED", (long) OVERSIZED), DEADLINE);
            } finally {
                rest.cancel(jobId);
                rest.awaitJobState(jobId, "CANCELED", DEADLINE);
            }

            String first = replay(localStack, before);
            assertThat(first).contains("accepted now (appended to raw.clickstream_events): " + OVERSIZED);
            long total = EVENTS + OVERSIZED;
            assertThat(rawPositionCounts(catalog, topic)).isEqualTo(Map.of("rows", total, "distinct", total));
            assertThat(rejectedReasons(catalog, topic)).as("the rejected table keeps its record")
                    .isEqualTo(Map.of("OVERSIZED", (long) OVERSIZED));

            String second = replay(localStack, before);
            assertThat(second).contains("accepted now (appended to raw.clickstream_events): 0");
            assertThat(rawPositionCounts(catalog, topic)).isEqualTo(Map.of("rows", total, "distinct", total));
        }
    }

    /** Runs {@code lakehouse replay} against the test's stack, as a user would, and returns its output. */
    private static String replay(LocalStack stack, Instant seenFrom) {
        LakehouseCommand.Run run = LakehouseCommand.run(stack, "replay", "--reason", "OVERSIZED",
                "--seen-from", seenFrom.toString(), "--", "--clickstream.max-payload-bytes", "65536");
        assertThat(run.exitCode()).as("lakehouse replay: " + run).isZero();
        return run.out();
    }
}

package io.github.flinklakehouse.deploy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackService;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seconds-long smoke of {@code lakehouse benchmark --mode freshness} and {@code --mode soak} on the shared stack
 * (its own topic and marts schema): events produced at a fixed rate become visible in every probed mart and committed
 * in the raw table, the report gives percentiles per mart and the settings that bound them, the soak's samples and
 * its exactly-once check, and the JSON file says the same. The figures themselves are the command's to print, not
 * this test's to judge.
 */
@ExtendWith(LocalStackExtension.class)
class FreshnessBenchmarkSystemTest {

    @Test
    void everySampledEventBecomesVisibleInEveryMartAndTheReportSaysWhen(LocalStack stack, @TempDir Path temp)
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Path json = temp.resolve("freshness.json");
        FreshnessBenchmark.Settings settings = new FreshnessBenchmark.Settings(400, Duration.ofSeconds(8),
                Duration.ofMinutes(2), 2, 3, 1, Duration.ofSeconds(2), Duration.ofMillis(500), null, temp, false, json,
                Duration.ofSeconds(3), Map.of("clickstream.marts.sessions.inactivity-timeout", "1 min"));
        StringWriter printed = new StringWriter();
        FreshnessReport report;
        try {
            report = new FreshnessBenchmark(LocalStackExtension.repoHome()).runOn(stack, settings,
                    "freshness-" + run, "freshness_" + run, new PrintWriter(printed, true));
        } finally {
            System.out.print(printed);
        }

        assertThat(report.producedEvents()).isPositive();
        assertThat(report.latencies()).containsOnlyKeys("traffic_hourly", "traffic_daily", "category_daily",
                "sessions", "active_users", FreshnessTracker.RAW);
        assertThat(report.latencies().values()).allSatisfy(latencies -> {
            assertThat(latencies.samples()).isPositive();
            assertThat(latencies.unresolved()).isZero();
            assertThat(latencies.p50()).isLessThanOrEqualTo(latencies.p99());
            assertThat(latencies.p99()).isLessThanOrEqualTo(latencies.max());
        });
        // A soak's samples were taken; growth is not judged on a few seconds, loss and doubling are.
        assertThat(report.soak()).hasSizeGreaterThanOrEqualTo(2).allSatisfy(sample -> {
            assertThat(sample.rssBytes()).containsKey(StackService.FLINK_TASKMANAGER);
            assertThat(sample.openFiles().get(StackService.FLINK_TASKMANAGER)).isPositive();
        });
        assertThat(report.soak().get(report.soak().size() - 1).snapshots()).isPositive();
        assertThat(report.verdict().exactlyOnce()).as(report.verdict().toString()).isTrue();
        assertThat(printed.toString()).contains("production -> visible in", "p99 ms", "checkpoint interval PT2S",
                "marts flush interval PT0.5S", FreshnessTracker.RAW, "Soak samples", "every event exactly once",
                "Job options: {clickstream.marts.sessions.inactivity-timeout=1 min}", "Marts by session");
        assertThat(report.soak().get(report.soak().size() - 1).stateBytesPerOperator())
                .as("state per operator chain, from the latest checkpoint").isNotEmpty();

        JsonNode written = new ObjectMapper().readTree(json.toFile());
        assertThat(written.get("mode").asText()).isEqualTo("freshness");
        assertThat(written.get("producedEvents").asLong()).isEqualTo(report.producedEvents());
        assertThat(written.at("/latenciesMillis/traffic_hourly/samples").asInt())
                .isEqualTo(report.latencies().get("traffic_hourly").samples());
        assertThat(written.get("soakSamples")).hasSize(report.soak().size());
    }
}

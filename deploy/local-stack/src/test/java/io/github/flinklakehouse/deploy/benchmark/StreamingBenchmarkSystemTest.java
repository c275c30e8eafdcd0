package io.github.flinklakehouse.deploy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.stack.StackService;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakehouse benchmark --mode streaming} at a small size on its own throwaway stack: the live job drains the
 * pre-loaded topic, every event is committed once to the raw table and counted once in {@code traffic_hourly}
 * (a lost or doubled event fails this test and makes the command exit 1), the report carries rates, checkpoint costs,
 * memory and stage figures, and nothing of the stack is left afterwards.
 */
class StreamingBenchmarkSystemTest {

    private static final long EVENTS = 10_000;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void benchmarkCountsAndCommitsEveryPreloadedEventOnceAndReportsItsFigures(@TempDir Path temp) throws Exception {
        Path workDir = temp.resolve("benchmark");
        StringWriter printed = new StringWriter();

        StreamingReport report;
        try {
            report = new StreamingBenchmark(LocalStackExtension.repoHome()).run(
                    new StreamingBenchmark.Settings(EVENTS, 2, 7, 2, Duration.ofSeconds(2), null, workDir, false,
                            Duration.ofMinutes(3)),
                    new PrintWriter(printed, true));
        } finally {
            System.out.print(printed);
        }

        assertThat(report.progress().martsEvents()).as("events counted in traffic_hourly").isEqualTo(EVENTS);
        assertThat(report.progress().rawRecords()).as("rows in raw.clickstream_events").isEqualTo(EVENTS);
        assertThat(report.complete()).isTrue();
        assertThat(report.countedPerSecond()).isPositive();
        assertThat(report.committedPerSecond()).isPositive();
        assertThat(report.checkpoints().completed()).isPositive();
        assertThat(report.resources().peakRssBytes().get(StackService.FLINK_TASKMANAGER)).isGreaterThan(0);
        assertThat(report.resources().maxHeapUsedBytes()).isGreaterThan(0);
        assertThat(report.stages()).isNotEmpty();

        String text = printed.toString();
        assertThat(text).contains("Streaming benchmark", "counted in marts", "committed to raw", "events/s",
                "target           100,000 events/s sustained for 10,000,000 events: not decided by 10,000 events",
                "of the goal 180,000", "checkpoints", "TaskManager RSS", "heap used max", "every event exactly once",
                "Stages (job vertices by busy time");

        assertThat(workDir).doesNotExist();
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(workDir.toString())))
                .isEmpty();
        assertThat(Files.list(temp)).isEmpty();
    }
}

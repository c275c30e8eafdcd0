package io.github.flinklakehouse.deploy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient.VertexFigures;
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
 * {@code lakehouse benchmark} at a small size on its own throwaway stack: every generated row reaches the raw
 * table and {@code traffic_hourly}, the report carries throughput, memory and stage figures, and nothing of the
 * stack is left afterwards.
 */
class BackfillBenchmarkSystemTest {

    private static final long ROWS = 20_000;
    private static final int FILES = 2;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void benchmarkBackfillsEveryGeneratedRowAndReportsItsFigures(@TempDir Path temp) throws Exception {
        Path workDir = temp.resolve("benchmark");
        StringWriter printed = new StringWriter();

        BenchmarkReport report;
        try {
            report = new BackfillBenchmark(LocalStackExtension.repoHome()).run(
                    new BackfillBenchmark.Settings(ROWS, FILES, false, 7, 2, null, workDir, false, Duration.ofMinutes(2)),
                    new PrintWriter(printed, true));
        } finally {
            System.out.print(printed);
        }

        // Every generated row arrived exactly once: the generator makes no duplicate ids (CSV rows have none),
        // no invalid rows, and a batch run has no late events.
        assertThat(report.dataSet().rows()).isEqualTo(ROWS);
        assertThat(report.dataSet().files()).hasSize(FILES);
        assertThat(report.rowsRead()).isEqualTo(ROWS);
        assertThat(report.accepted()).isEqualTo(ROWS);
        assertThat(report.rejected()).isZero();
        assertThat(report.rawRecords()).isEqualTo(ROWS);
        assertThat(report.martsEvents()).isEqualTo(ROWS);
        assertThat(report.complete()).isTrue();
        assertThat(report.targetMet()).as("20,000 rows never decide a 10,000,000-row target").isFalse();

        // The measured figures exist and are consistent with each other.
        assertThat(report.endToEnd()).isGreaterThan(report.jobRun());
        assertThat(report.endToEnd()).isGreaterThanOrEqualTo(report.jobRun().plus(report.publish()));
        assertThat(report.resources().peakRssBytes()).containsKey(StackService.FLINK_TASKMANAGER);
        assertThat(report.resources().peakRssBytes().get(StackService.FLINK_TASKMANAGER)).isGreaterThan(0);
        assertThat(report.resources().maxHeapUsedBytes()).isGreaterThan(0);
        assertThat(report.resources().cpu()).containsKey(StackService.FLINK_TASKMANAGER);
        assertThat(report.stages()).isNotEmpty()
                // The adaptive batch scheduler may give a small stage less than the job's parallelism.
                .allSatisfy(stage -> assertThat(stage.parallelism()).isBetween(1, 2))
                .isSortedAccordingTo((a, b) -> Long.compare(b.durationMillis(), a.durationMillis()));
        // Counting marts receive partial aggregates, not events: only the raw sink and the per-key stages (users,
        // products, sessions: a compact projection each) read one record per row.
        assertThat(report.stages()).filteredOn(stage -> stage.name().startsWith("Aggregate "))
                .isNotEmpty()
                .extracting(VertexFigures::readRecords).allSatisfy(read -> assertThat(read).isLessThan(ROWS));
        assertThat(report.stages()).filteredOn(stage -> stage.readRecords() >= ROWS).hasSizeLessThanOrEqualTo(5);
        assertThat(report.stages()).anySatisfy(stage -> assertThat(stage.name()).contains("Clickstream CSV files"));

        String text = printed.toString();
        assertThat(text).contains("Generated ", "Starting a throwaway stack", "rows read",
                "end to end", "job only", "submission", "publish", "rows/s",
                "target           150,000 rows/s end to end for 10,000,000 rows: not decided by 20,000 rows", "of the goal 300,000",
                "TaskManager RSS", "heap used max", "CPU during run", "flink-taskmanager",
                "raw.clickstream_events 20,000 rows", "marts.traffic_hourly 20,000 events", "all rows arrived",
                "Stages (job vertices by duration", "records in", "Clickstream CSV files");

        // The throwaway stack is gone: no data left, no process running from its directory.
        assertThat(workDir).doesNotExist();
        assertThat(ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(workDir.toString())))
                .isEmpty();
        assertThat(Files.list(temp)).isEmpty();
    }
}

package io.github.flinklakehouse.deploy.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.maintenance.MaintenanceReport;
import io.github.flinklakehouse.catalog.maintenance.TableHealth;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The read benchmark's settings, completeness rule and printed table (the run itself is a command, not a test). */
class ReadBenchmarkReportTest {

    private static final ReadBenchmark.Settings SETTINGS =
            new ReadBenchmark.Settings(8_640, 1_000_000, 2, 1, null, Path.of("work"), false);
    private static final TableHealth BEFORE =
            new TableHealth("lakehouse.raw.clickstream_events", 17_280, 172_800_000, 1_000_000, 8_640, 90, Instant.EPOCH);
    private static final TableHealth AFTER =
            new TableHealth("lakehouse.raw.clickstream_events", 2, 40_000_000, 1_000_000, 10, 1, Instant.EPOCH);
    private static final MaintenanceReport MAINTENANCE = new MaintenanceReport(BEFORE, AFTER, 17_280, 2, 90, 8_630, 0,
            Instant.EPOCH, Instant.EPOCH, List.of());

    @Test
    void everyFileMustHoldARow() {
        assertThatThrownBy(() -> new ReadBenchmark.Settings(8_640, 10_000, 2, 1, null, Path.of("work"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commits 8640, rows 10000, files per commit 2");
        assertThatThrownBy(() -> new ReadBenchmark.Settings(0, 10_000, 2, 1, null, Path.of("work"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReportShowsTheTableAndTheQueryBeforeAndAfterMaintenance() {
        ReadBenchmark.Result result = result(1_000_000, List.of("2019-10-01 00|41666|..."));

        String text = ReadBenchmark.render(SETTINGS, result);

        assertThat(result.complete()).isTrue();
        assertThat(text).contains("1,000,000 events in 8,640 commits of up to 2 files over one day")
                .containsPattern("data files\\s+17,280\\s+2")
                .containsPattern("snapshots\\s+8,640\\s+10")
                .containsPattern("raw_events_by_hour.sql \\(SQL client run\\)\\s+2:05.0\\s+0:20.0")
                .contains("-> OK");
    }

    @Test
    void aMissingRowOrADifferentAnswerFailsTheCheck() {
        assertThat(result(999_999, List.of("a")).complete()).isFalse();
        ReadBenchmark.QueryRun before = new ReadBenchmark.QueryRun(Duration.ofSeconds(1), 1_000_000, List.of("a"));
        ReadBenchmark.QueryRun after = new ReadBenchmark.QueryRun(Duration.ofSeconds(1), 1_000_000, List.of("b"));
        assertThat(new ReadBenchmark.Result(BEFORE, 1, before, Duration.ZERO, MAINTENANCE, Duration.ZERO, AFTER, 1,
                after, 1_000_000, 8_640, Duration.ZERO).complete()).isFalse();
    }

    private static ReadBenchmark.Result result(long afterEvents, List<String> rows) {
        ReadBenchmark.QueryRun before = new ReadBenchmark.QueryRun(Duration.ofMillis(125_000), 1_000_000, rows);
        ReadBenchmark.QueryRun after = new ReadBenchmark.QueryRun(Duration.ofSeconds(20), afterEvents, rows);
        return new ReadBenchmark.Result(BEFORE, 8_000_000, before, Duration.ofSeconds(9), MAINTENANCE,
                Duration.ofSeconds(40), AFTER, 30_000, after, 1_000_000, 8_640, Duration.ofMinutes(20));
    }
}

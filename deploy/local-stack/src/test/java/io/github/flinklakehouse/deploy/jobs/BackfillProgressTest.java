package io.github.flinklakehouse.deploy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The progress line and summary of a backfill, from accumulators as the REST API returns them (strings). */
class BackfillProgressTest {

    @Test
    void fileProgressShowsBytesShareAndEta() {
        String line = BackfillProgress.line(Map.of("rows-read", "1000000", "bytes-read", Long.toString(256L << 20)),
                Map.of("backfill.total-bytes", Long.toString(1L << 30)), Duration.ofSeconds(10));

        assertThat(line).isEqualTo("1,000,000 rows read (100,000 rows/s), 256.0 MiB of 1.00 GiB, 25%, reading ETA 0:30, elapsed 0:10");
    }

    @Test
    void lakeProgressUsesTheScanRowsAndKafkaHasNoEta() {
        assertThat(BackfillProgress.line(Map.of("rows-read", "500"), Map.of("backfill.total-rows", "2000"),
                Duration.ofSeconds(5))).isEqualTo("500 rows read (100 rows/s) of 2,000, 25%, reading ETA 0:15, elapsed 0:05");
        assertThat(BackfillProgress.line(Map.of("rows-read", "2000"), Map.of("backfill.total-rows", "2000"),
                Duration.ofSeconds(10))).isEqualTo("2,000 rows read (200 rows/s) of 2,000, input read, later stages running, elapsed 0:10");
        assertThat(BackfillProgress.line(Map.of(), Map.of(), Duration.ofSeconds(1)))
                .isEqualTo("0 rows read (0 rows/s), elapsed 0:01");
    }

    @Test
    void summaryCountsRejectedByReason() {
        BackfillRun.Result result = new BackfillRun.Result("job", true, Map.of("rows-read", "1010", "outside-range", "5",
                "raw-events", "1000", "rejected.BAD_PRICE", "3", "rejected.WRONG_FIELD_COUNT", "2"),
                Duration.ofSeconds(2), Duration.ofMillis(500), null, null, List.of("fact_completeness 0.9950: ..."));

        assertThat(BackfillSummary.render(result))
                .contains("rows read:            1,010 (505 rows/s over the job's 0:02.0)")
                .contains("outside the range:    5")
                .contains("accepted events:      1,000 (appended to raw.clickstream_events)")
                .contains("rejected:             5 (appended to raw.rejected_events)")
                .contains("  BAD_PRICE                3")
                .contains("check passed:         fact_completeness 0.9950: ...")
                .contains("elapsed:              0:02.5 (job 0:02.0, marts 0:00.5)");
    }
}

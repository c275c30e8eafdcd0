package io.github.flinklakehouse.jobs.marts.engine;

import static io.github.flinklakehouse.jobs.testing.HarnessRecords.rows;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The freshness operator on Flink's test harness: late count, watermark, checkpoints, restore, end of input. */
class PipelineFreshnessOperatorTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final Duration FLUSH = Duration.ofSeconds(1);
    private static final List<String> MARTS = List.of("traffic_hourly", "traffic_daily");
    private static final long T0 = Instant.parse("2019-10-01T12:00:00Z").toEpochMilli();

    @TempDir
    Path warehouse;

    @Test
    void reportsWatermarkLateEventsAndCheckpointsAtMostOncePerFlushAndKeepsThemAcrossARestore() throws Exception {
        OperatorSubtaskState snapshot;
        try (OneInputStreamOperatorTestHarness<FreshnessSignal, PipelineFreshnessRow> harness = harness(null)) {
            harness.open();
            harness.setProcessingTime(FLUSH.toMillis());
            // Nothing known yet: one row per mart with NULLs.
            assertThat(rows(harness)).containsExactly(
                    row("traffic_hourly", null, null, 0, null, null, false),
                    row("traffic_daily", null, null, 0, null, null, false));

            harness.processElement(new StreamRecord<>(FreshnessSignal.progress(T0)));
            harness.processElement(new StreamRecord<>(FreshnessSignal.lateEvent(T0 - 3_600_000)));
            harness.processElement(new StreamRecord<>(FreshnessSignal.lateEvent(T0 - 7_200_000)));
            harness.processWatermark(T0 - 60_000);
            harness.setProcessingTime(1_500);
            assertThat(rows(harness)).hasSize(2);

            harness.setProcessingTime(2 * FLUSH.toMillis());
            assertThat(rows(harness).subList(2, 4)).containsExactly(
                    row("traffic_hourly", T0 - 60_000, T0 - 60_000 - LATENESS.toMillis(), 2, null, null, false),
                    row("traffic_daily", T0 - 60_000, T0 - 60_000 - LATENESS.toMillis(), 2, null, null, false));

            // Nothing changed: no rows at the next flush.
            harness.setProcessingTime(3 * FLUSH.toMillis());
            assertThat(rows(harness)).hasSize(4);

            snapshot = harness.snapshot(7L, 3_100L);
            harness.notifyOfCompletedCheckpoint(7L);
            harness.setProcessingTime(4 * FLUSH.toMillis());
            assertThat(rows(harness).get(4)).isEqualTo(
                    row("traffic_hourly", T0 - 60_000, T0 - 60_000 - LATENESS.toMillis(), 2, 7L, 3_000L, false));
        }

        try (OneInputStreamOperatorTestHarness<FreshnessSignal, PipelineFreshnessRow> restored = harness(null)) {
            restored.initializeState(snapshot);
            restored.open();
            restored.processElement(new StreamRecord<>(FreshnessSignal.lateEvent(T0 - 1)));
            restored.processElement(new StreamRecord<>(FreshnessSignal.progress(T0 + 5_000)));
            restored.processWatermark(Long.MAX_VALUE);
            // The late events before the checkpoint survived; the input ended at the max event time + 1 ms.
            assertThat(rows(restored)).containsExactly(
                    row("traffic_hourly", T0 + 5_001, T0 + 5_001, 3, null, null, true),
                    row("traffic_daily", T0 + 5_001, T0 + 5_001, 3, null, null, true));
            restored.endInput();
            assertThat(rows(restored)).hasSize(2);
        }
    }

    @Test
    void reportsTheCurrentSnapshotOfTheRawTable() throws Exception {
        CatalogLoader catalogLoader = CatalogLoader.hadoop(
                "test", new org.apache.hadoop.conf.Configuration(), Map.of("warehouse", warehouse.toUri().toString()));
        Catalog catalog = catalogLoader.loadCatalog();
        TableIdentifier id = TableIdentifier.of("raw", "events");
        Table table = catalog.createTable(id, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));

        try (OneInputStreamOperatorTestHarness<FreshnessSignal, PipelineFreshnessRow> harness =
                harness(TableLoader.fromCatalog(catalogLoader, id))) {
            harness.open();
            harness.setProcessingTime(FLUSH.toMillis());
            assertThat(rows(harness).get(0).rawSnapshotId()).isNull();

            table.newAppend().appendFile(DataFiles.builder(PartitionSpec.unpartitioned())
                    .withPath(warehouse.resolve("f.parquet").toString()).withFileSizeInBytes(10).withRecordCount(1)
                    .build()).commit();
            harness.processWatermark(T0);
            harness.setProcessingTime(2 * FLUSH.toMillis());
            assertThat(rows(harness).get(2).rawSnapshotId()).isEqualTo(table.currentSnapshot().snapshotId());
        }
    }

    private static OneInputStreamOperatorTestHarness<FreshnessSignal, PipelineFreshnessRow> harness(TableLoader raw)
            throws Exception {
        return new OneInputStreamOperatorTestHarness<>(new PipelineFreshnessOperator(MARTS, LATENESS, FLUSH, raw));
    }

    private static PipelineFreshnessRow row(String mart, Long watermark, Long completeUpTo, long lateEvents,
            Long checkpointId, Long checkpointAt, boolean finished) {
        return new PipelineFreshnessRow(mart, instant(watermark), instant(completeUpTo), lateEvents, checkpointId,
                instant(checkpointAt), null, finished);
    }

    private static Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}

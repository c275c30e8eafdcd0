package io.github.flinklakehouse.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamPipeline;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code rejected_daily}'s table and which backfills publish it; its numbers are checked on real dead letters by
 * {@code WarehousePipelineTest} and {@code DataQualityPipelineTest}.
 */
class RejectedDailyMartTest {

    @Test
    void oneRowPerSeenDayPipelineSourceAndReasonOverTheDaysPeriod() {
        assertThat(RejectedDailyMart.TABLE.ddl("marts"))
                .contains("PRIMARY KEY (seen_date, pipeline, source, reason)")
                .contains("rejected bigint NOT NULL");
        assertThat(RejectedDailyMart.TABLE.period().startSql()).contains("seen_date");
    }

    @Test
    void theLiveJobAndFileOrKafkaBackfillsPublishItALakeBackfillOrParityCannot() {
        assertThat(tablesWith(Map.of())).contains("rejected_daily");
        assertThat(tablesWith(Map.of("backfill.source", "kafka"))).contains("rejected_daily", "data_quality_daily");
        // The lake holds only valid events: the records rejected on the way in are not there to count again.
        assertThat(tablesWith(Map.of("backfill.source", "lake"))).doesNotContain("rejected_daily")
                .contains("data_quality_daily");
    }

    private static List<String> tablesWith(Map<String, String> options) {
        return new ClickstreamPipeline().martTables(LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(),
                Map.of())).stream().map(MartTable::name).toList();
    }
}

package io.github.flinklakehouse.jobs.marts.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A mart table several pipelines write ({@code rejected_daily}, {@link MartTable#pipelineColumn()}): one pipeline's
 * backfill publishes and compares only its own rows of the range, against a real PostgreSQL.
 */
class SharedMartTablesTest {

    private static final List<MartTable<?>> TABLES = List.of(RejectedDailyMart.TABLE);
    private static final EventTimeRange OCTOBER = new EventTimeRange(Instant.parse("2019-10-01T00:00:00Z"),
            Instant.parse("2019-11-01T00:00:00Z"));

    @Test
    void aPipelinesBackfillReplacesAndComparesOnlyItsOwnRowsOfASharedTable() throws SQLException {
        String target = MartRangeFixture.freshSchema("shared");
        MartTable.ensureAll(TestPostgres.connection(), target, TABLES);
        insert(target, "2019-10-05", "clickstream", 7);
        insert(target, "2019-10-05", "road-traffic", 3);
        insert(target, "2019-11-02", "clickstream", 1);
        StagingSchema staging = StagingSchema.random();
        staging.create(TestPostgres.connection(), TABLES);
        insert(staging.name(), "2019-10-05", "clickstream", 8);
        // A staging schema of the clickstream backfill holds no road-traffic rows: they must not count as drift.
        try {
            ParityReport parity = new MartRangeComparison(TestPostgres.connection(), 5, TABLES, "clickstream")
                    .compare(target, staging.name(), OCTOBER);
            assertThat(parity.differingRows()).as(parity.render()).isEqualTo(1);

            PublishResult published = new MartRangePublisher(TestPostgres.connection(), TABLES, "clickstream")
                    .publish(staging, target, OCTOBER);

            assertThat(published.table("rejected_daily").deleted()).isEqualTo(1);
            assertThat(rows(target)).containsExactly("2019-10-05 clickstream 8", "2019-10-05 road-traffic 3",
                    "2019-11-02 clickstream 1");
        } finally {
            MartRangeFixture.execute("DROP SCHEMA " + target + " CASCADE");
            MartRangeFixture.execute("DROP SCHEMA IF EXISTS " + staging.name() + " CASCADE");
        }
    }

    @Test
    void aSharedTableNeedsThePipelineWhoseRowsToPublishOrCompare() {
        assertThatThrownBy(() -> new MartRangePublisher(TestPostgres.connection(), TABLES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Mart table rejected_daily is shared by pipelines (column pipeline): name the pipeline "
                        + "whose rows to publish or compare");
        assertThatThrownBy(() -> new MartRangeComparison(TestPostgres.connection(), 5, TABLES))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rejected_daily is shared");
    }

    private static void insert(String schema, String day, String pipeline, long rejected) throws SQLException {
        MartRangeFixture.execute("INSERT INTO " + schema + ".rejected_daily (seen_date, pipeline, source, reason,"
                + " rejected, updated_at) VALUES (DATE '" + day + "', '" + pipeline + "', 'kafka', 'MALFORMED', "
                + rejected + ", now())");
    }

    private static List<String> rows(String schema) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT seen_date, pipeline, rejected FROM " + schema
                        + ".rejected_daily ORDER BY 1, 2")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getLong(3));
            }
        }
        return rows;
    }
}

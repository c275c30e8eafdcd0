package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.jobs.config.EventTimeRange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link StagingSchema} naming, creation and drop against a real PostgreSQL, and {@link EventTimeRange} bounds. */
class StagingSchemaTest {

    @Test
    void randomNamesAreBackfillFollowedByEightHexDigits() {
        StagingSchema first = StagingSchema.random();
        assertThat(first.name()).matches("backfill_[0-9a-f]{8}");
        assertThat(StagingSchema.random()).isNotEqualTo(first);
        assertThatThrownBy(() -> new StagingSchema("marts")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("backfill_");
        assertThatThrownBy(() -> new StagingSchema("backfill_0000000G")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsEveryMartTableRefusesAnExistingSchemaAndDrops() throws SQLException {
        JdbcConnectionSettings connection = TestPostgres.connection();
        StagingSchema staging = StagingSchema.random();

        staging.create(connection, MartRangeFixture.TABLES);

        assertThat(StagingSchema.existing(connection)).contains(staging);
        for (String table : MartRangeFixture.tables()) {
            assertThat(MartRangeFixture.markers(staging.name(), table)).as(table).isEmpty();
        }
        assertThatThrownBy(() -> staging.create(connection, MartRangeFixture.TABLES)).isInstanceOf(SQLException.class)
                .hasMessageContaining(staging.name());

        staging.drop(connection);
        staging.drop(connection);

        assertThat(MartRangeFixture.schemaExists(staging.name())).isFalse();
        assertThat(StagingSchema.existing(connection)).doesNotContain(staging);
    }

    @Test
    void aRangeNeedsFromBeforeUntilAndMayBeOpenOnEitherSide() {
        Instant day = Instant.parse("2019-10-01T00:00:00Z");
        assertThatThrownBy(() -> new EventTimeRange(day, day)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be before until");
        assertThat(new EventTimeRange(null, day)).hasToString("[-infinity, 2019-10-01T00:00:00Z)");
        assertThat(new EventTimeRange(day, null).until()).isNull();
        assertThat(EventTimeRange.ALL).hasToString("[-infinity, infinity)");
    }
}

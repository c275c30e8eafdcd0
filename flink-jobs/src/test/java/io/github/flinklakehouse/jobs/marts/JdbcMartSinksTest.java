package io.github.flinklakehouse.jobs.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The PostgreSQL mart sink in a real job against a real PostgreSQL: rows of one key written between two flushes are
 * coalesced to the last (a multi-row upsert must not touch a key twice, so without coalescing the driver's rewritten
 * batches would fail), batches larger than the driver's 128-row statements land whole, and the hold-back rule of a
 * job started without state still leaves older periods alone.
 */
class JdbcMartSinksTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    /** One hour's count, rewritten many times, as a mart emits it. */
    public record HourCount(LocalDate day, int hour, long count) {
    }

    static final MartTable<HourCount> TABLE = MartTable.builder("hour_counts", HourCount.class)
            .purpose("a count per hour, rewritten as it grows")
            .column("day", SqlType.DATE, HourCount::day)
            .column("hour", SqlType.SMALLINT, HourCount::hour)
            .column("count", SqlType.BIGINT, HourCount::count)
            .key("day", "hour")
            .period(MartPeriod.hour("day", "hour"))
            .build();

    private static final LocalDate FIRST_DAY = LocalDate.parse("2019-10-01");
    private static final int KEYS = 24 * 20;
    private static final int VERSIONS = 8;

    @Test
    void everyKeyEndsWithItsLastRowAfterManyRewritesInOneBatch() throws Exception {
        String schema = "jdbc_mart_sinks_coalesced";
        recreate(schema);

        run(new JdbcMartSinks(TestPostgres.connection(), schema, Duration.ofHours(1)), rewrites());

        assertThat(counts(schema)).hasSize(KEYS).allMatch(count -> count == VERSIONS);
    }

    @Test
    void aJobWithoutStateLeavesThePeriodsBeforeItsHoldBackAlone() throws Exception {
        String schema = "jdbc_mart_sinks_held_back";
        recreate(schema);
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO " + schema + ".hour_counts (day, hour, count, updated_at)"
                    + " SELECT DATE '2019-10-01' + (k / 24), k % 24, 1000, now() FROM generate_series(0, "
                    + (KEYS - 1) + ") k");
        }
        Instant holdBackBefore = FIRST_DAY.plusDays(10).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);

        run(new JdbcMartSinks(TestPostgres.connection(), schema, Duration.ofMillis(50), Optional.of(holdBackBefore)),
                rewrites());

        List<Long> counts = counts(schema);
        assertThat(counts.subList(0, KEYS / 2)).as("hours before the hold-back: kept").allMatch(count -> count == 1000);
        assertThat(counts.subList(KEYS / 2, KEYS)).as("hours from the hold-back on: rewritten")
                .allMatch(count -> count == VERSIONS);
    }

    /** Every key's rows 1..VERSIONS, key after key for each version, so one batch holds every key many times. */
    private static List<HourCount> rewrites() {
        List<HourCount> rows = new ArrayList<>();
        for (int version = 1; version <= VERSIONS; version++) {
            for (int key = 0; key < KEYS; key++) {
                rows.add(new HourCount(FIRST_DAY.plusDays(key / 24), key % 24, version));
            }
        }
        return rows;
    }

    private static void run(JdbcMartSinks sinks, List<HourCount> rows) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(1);
        sinks.sinkFor(TABLE).bind(env.fromData(rows), "hour-counts-sink", "Hour counts");
        env.execute("jdbc mart sinks test");
    }

    private static void recreate(String schema) throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        TABLE.ensure(TestPostgres.connection(), schema);
    }

    private static List<Long> counts(String schema) throws Exception {
        List<Long> counts = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count FROM " + schema + ".hour_counts ORDER BY day, hour")) {
            while (rows.next()) {
                counts.add(rows.getLong(1));
            }
        }
        return counts;
    }
}

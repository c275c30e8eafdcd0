package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The marts still equal their SQL definitions when the job fails in the middle and restarts from its latest
 * checkpoint: state is restored, the source rewinds, and the absolute upserts converge; {@code rejected_daily} counts
 * every retry once.
 */
class MartsAfterFailureAndRestoreTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int EVENTS = Integer.getInteger("marts.restore.events", 200_000);
    private static final long SEED = 7L;
    private static final String SCHEMA = "marts_restore";

    private static List<DeadLetter> deadLetters;

    @BeforeAll
    static void runTheJobWithAFailureAndLoadTheSameEventsIndependently() throws Exception {
        MartsTestData data = MartsTestData.of(SEED, EVENTS);
        // Position in the first split (parallelism 2 splits the positions in halves), after several checkpoints.
        deadLetters = MartsJobRun.run(SEED, EVENTS, SCHEMA, data.events().size() / 3);
        try (Connection connection = TestPostgres.open()) {
            IndependentMarts.load(connection, data.events());
        }
    }

    @Test
    void retriesAreRejectedOncePerDeliveryAfterTheRestore() {
        // The rejected sink here is a plain list, not an exactly-once table: a replayed retry may appear twice.
        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(RejectReason.DUPLICATE_EVENT_ID.name());
        assertThat(deadLetters.stream().map(DeadLetter::sourcePosition).distinct().count())
                .isEqualTo(MartsTestData.of(SEED, EVENTS).retries());
    }

    @Test
    void theRejectedRecordsAreCountedOnceAfterTheRestore() throws Exception {
        // rejected_daily holds absolute counts by upsert: the retries replayed after the restore are not counted twice.
        MartsTestData data = MartsTestData.of(SEED, EVENTS);
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT seen_date, pipeline, source, reason, rejected FROM "
                        + SCHEMA + ".rejected_daily")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getString(3) + " "
                        + result.getString(4) + " " + result.getLong(5));
            }
        }
        assertThat(rows).containsExactly(data.ingestedAt().atZone(ZoneOffset.UTC).toLocalDate()
                + " clickstream kafka DUPLICATE_EVENT_ID " + data.retries());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparedTables")
    void martEqualsItsSqlDefinitionAfterTheRestore(MartTable<?> table) throws Exception {
        IndependentMarts.assertMatchesDefinition(table, SCHEMA);
    }

    static Stream<MartTable<?>> comparedTables() {
        return IndependentMarts.comparedTables();
    }
}

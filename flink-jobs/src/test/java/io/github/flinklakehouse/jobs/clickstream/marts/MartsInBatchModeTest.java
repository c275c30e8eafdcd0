package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.sql.Connection;
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
 * The unchanged job graph run in BATCH mode (what a backfill does) yields every mart equal to its SQL
 * definition, as the STREAMING run does: same dedupe, nothing late, every period closed at the end of input.
 */
class MartsInBatchModeTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int EVENTS = Integer.getInteger("marts.batch.events", 200_000);
    private static final long SEED = 11L;
    private static final String SCHEMA = "marts_batch";

    private static List<DeadLetter> deadLetters;

    @BeforeAll
    static void runTheJobInBatchModeAndLoadTheSameEventsIndependently() throws Exception {
        MartsTestData data = MartsTestData.of(SEED, EVENTS);
        deadLetters = MartsJobRun.runBatch(SEED, EVENTS, SCHEMA);
        try (Connection connection = TestPostgres.open()) {
            IndependentMarts.load(connection, data.events());
        }
    }

    @Test
    void onlyProducerRetriesAreRejected() {
        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(RejectReason.DUPLICATE_EVENT_ID.name());
        assertThat(deadLetters).hasSize(MartsTestData.of(SEED, EVENTS).retries());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparedTables")
    void martEqualsItsSqlDefinitionInBatchMode(MartTable<?> table) throws Exception {
        IndependentMarts.assertMatchesDefinition(table, SCHEMA);
    }

    static Stream<MartTable<?>> comparedTables() {
        return IndependentMarts.comparedTables();
    }
}

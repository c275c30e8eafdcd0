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
 * Every mart equals its independent SQL definition, row for row and number for number, after the real job
 * graph processed one million generated events delivered out of order (within the allowed lateness) with
 * producer retries and identical duplicates. {@code -Dmarts.equality.events=N} runs a smaller set.
 */
class MartsMatchIndependentSqlTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int EVENTS = Integer.getInteger("marts.equality.events", 1_000_000);
    private static final long SEED = 20191020L;
    private static final String SCHEMA = "marts_equality";

    private static List<DeadLetter> deadLetters;

    @BeforeAll
    static void runTheJobAndLoadTheSameEventsIndependently() throws Exception {
        deadLetters = MartsJobRun.run(SEED, EVENTS, SCHEMA, -1);
        try (Connection connection = TestPostgres.open()) {
            IndependentMarts.load(connection, MartsTestData.of(SEED, EVENTS).events());
        }
    }

    @Test
    void theOnlyRejectedDeliveriesAreTheProducerRetries() {
        assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(RejectReason.DUPLICATE_EVENT_ID.name());
        assertThat(deadLetters).hasSize(MartsTestData.of(SEED, EVENTS).retries());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparedTables")
    void martEqualsItsSqlDefinition(MartTable<?> table) throws Exception {
        IndependentMarts.assertMatchesDefinition(table, SCHEMA);
    }

    static Stream<MartTable<?>> comparedTables() {
        return IndependentMarts.comparedTables();
    }
}

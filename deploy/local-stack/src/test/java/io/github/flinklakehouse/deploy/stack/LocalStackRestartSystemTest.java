package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Data written before a stop is there after a start from the same data directory, and a fresh start
 * wipes it. Runs Kafka, the S3 store and PostgreSQL (the services that keep data) in its own stack.
 */
class LocalStackRestartSystemTest {
    private static final String TOPIC = "restart-probe";
    private static final String OBJECT_KEY = "restart/probe.txt";

    private Path dataDir;
    private StackConfig config;

    @BeforeEach
    void configure() throws Exception {
        dataDir = Files.createTempDirectory("lakehouse-restart-");
        config = StackConfig.ephemeralBuilder(LocalStackExtension.repoHome(), dataDir)
                .services(EnumSet.of(StackService.KAFKA, StackService.S3, StackService.POSTGRES))
                .set("start-timeout", "120")
                .set("stop-timeout", "20")
                .build();
    }

    @AfterEach
    void cleanUp() throws Exception {
        Directories.deleteRecursively(dataDir);
    }

    @Test
    void dataSurvivesARestartAndAFreshStartWipesIt() throws Exception {
        try (LocalStack stack = LocalStack.start(config)) {
            StackEndpoints endpoints = stack.endpoints();
            StackProbes.createTopic(endpoints, TOPIC, 2);
            StackProbes.produce(endpoints, TOPIC, "k", "before-restart");
            sql(endpoints, "CREATE TABLE marts.restart_probe (id INT PRIMARY KEY, note TEXT)",
                    "INSERT INTO marts.restart_probe VALUES (7, 'before-restart')");
            StackProbes.putObject(endpoints, OBJECT_KEY, "before-restart");
        }
        assertThat(new PidFiles(config.runDir()).liveServices()).isEmpty();

        try (LocalStack stack = LocalStack.start(config)) {
            StackEndpoints endpoints = stack.endpoints();
            List<ConsumerRecord<String, String>> records = StackProbes.consume(endpoints, TOPIC, 1);
            assertThat(records).extracting(ConsumerRecord::value).containsExactly("before-restart");
            assertThat(queryNote(endpoints)).isEqualTo("before-restart");
            assertThat(StackProbes.getObject(endpoints, OBJECT_KEY)).isEqualTo("before-restart");
        }

        try (LocalStack stack = LocalStack.start(config.withFresh(true))) {
            StackEndpoints endpoints = stack.endpoints();
            assertThat(StackProbes.topics(endpoints)).doesNotContain(TOPIC);
            assertThat(tableExists(endpoints)).isFalse();
            assertThat(StackProbes.objectKeys(endpoints)).isEmpty();
        }
    }

    @Test
    void refusesToStartOverARunningStackOfTheSameDataDir() {
        StackConfig postgresOnly = config.withServices(EnumSet.of(StackService.POSTGRES));
        try (LocalStack stack = LocalStack.start(postgresOnly)) {
            assertThat(stack.endpoints().jdbcUrl()).contains(Integer.toString(config.postgresPort()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalStack.start(postgresOnly))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("still running")
                    .hasMessageContaining("postgres pid")
                    .hasMessageContaining("lakehouse down");
        }
    }

    private static void sql(StackEndpoints endpoints, String... statements) throws SQLException {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String queryNote(StackEndpoints endpoints) throws SQLException {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM marts.restart_probe WHERE id = 7")) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }

    private static boolean tableExists(StackEndpoints endpoints) throws SQLException {
        try (Connection connection = connect(endpoints); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT to_regclass('marts.restart_probe') IS NOT NULL")) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static Connection connect(StackEndpoints endpoints) throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
    }
}

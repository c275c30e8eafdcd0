package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {
    private static final Path REPO = Path.of("/work/repo");

    @Test
    void defaultsMatchTheDocumentedStack() {
        StackConfig config = StackConfig.defaults(REPO);

        assertThat(config.dataDir()).isEqualTo(Path.of("/work/repo/.lakehouse"));
        assertThat(config.bindHost()).isEqualTo("127.0.0.1");
        assertThat(config.kafkaPort()).isEqualTo(9092);
        assertThat(config.kafkaControllerPort()).isEqualTo(9093);
        assertThat(config.s3Port()).isEqualTo(9000);
        assertThat(config.postgresPort()).isEqualTo(5432);
        assertThat(config.flinkRestPort()).isEqualTo(8081);
        assertThat(config.services()).isEqualTo(EnumSet.allOf(StackService.class));
        assertThat(config.fresh()).isFalse();
        assertThat(config.endpoints()).isEqualTo(new StackEndpoints("127.0.0.1:9092", "http://127.0.0.1:9000",
                "lakehouse", "lakehouse", "lakehouse-secret", "us-east-1",
                "jdbc:postgresql://127.0.0.1:5432/lakehouse", "lakehouse", "lakehouse", "lakehouse_bi", "lakehouse-bi",
                "http://127.0.0.1:8081"));
        assertThat(config.postgresSuperuserPasswordFile())
                .isEqualTo(Path.of("/work/repo/.lakehouse/postgres/superuser-password"));
        assertThat(config.endpoints().warehouse()).isEqualTo("s3://lakehouse/warehouse");
        assertThat(config.logFile(StackService.KAFKA)).isEqualTo(Path.of("/work/repo/.lakehouse/logs/kafka.log"));
        assertThat(config.runtimeDir("kafka")).isEqualTo(Path.of("/work/repo/deploy/runtimes/kafka/target"));
    }

    @Test
    void commandLineBeatsEnvironmentWhichBeatsDefaults() {
        Map<String, String> environment = Map.of(
                "LAKEHOUSE_STACK_KAFKA_PORT", "19092",
                "LAKEHOUSE_STACK_S3_PORT", "19000",
                "LAKEHOUSE_STACK_DATA_DIR", "/tmp/from-env",
                "LAKEHOUSE_STACK_S3_SECRET_KEY", "env-secret-123",
                "UNRELATED", "x");

        StackConfig config = StackConfig.load(REPO, environment, Map.of("kafka-port", "29092"));

        assertThat(config.kafkaPort()).isEqualTo(29092);
        assertThat(config.s3Port()).isEqualTo(19000);
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/from-env"));
        assertThat(config.s3SecretKey()).isEqualTo("env-secret-123");
        assertThat(config.postgresPort()).isEqualTo(5432);
    }

    @Test
    void secretsAreRefusedOnTheCommandLineAndRedacted() {
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of(), Map.of("db-password", "hunter22")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db-password")
                .hasMessageContaining("LAKEHOUSE_STACK_DB_PASSWORD");

        StackConfig config = StackConfig.load(REPO, Map.of("LAKEHOUSE_STACK_DB_PASSWORD", "hunter22"), Map.of());
        assertThat(config.toString()).doesNotContain("hunter22").doesNotContain("lakehouse-secret");
        assertThat(config.endpoints().toString()).doesNotContain("hunter22").doesNotContain("lakehouse-secret");
    }

    @Test
    void theBiRoleIsReadFromTheEnvironmentWithItsPasswordOnlyThere() {
        StackConfig config = StackConfig.load(REPO, Map.of("LAKEHOUSE_STACK_BI_USER", "dashboards",
                "LAKEHOUSE_STACK_BI_PASSWORD", "bi-secret-9"), Map.of());

        assertThat(config.biUser()).isEqualTo("dashboards");
        assertThat(config.endpoints().biUser()).isEqualTo("dashboards");
        assertThat(config.endpoints().biPassword()).isEqualTo("bi-secret-9");
        assertThat(config.toString()).doesNotContain("bi-secret-9").contains("biPassword=****");
        assertThat(config.endpoints().toString()).doesNotContain("bi-secret-9").contains("biPassword=****");
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of(), Map.of("bi-password", "x")))
                .hasMessageContaining("bi-password is a secret and may only be set through LAKEHOUSE_STACK_BI_PASSWORD");
    }

    @Test
    void theRolesMustBeDistinctAndNeverTheSuperuser() {
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of(), Map.of("bi-user", "lakehouse")))
                .hasMessage("Invalid stack configuration: bi-user must differ from db-user and from the superuser "
                        + "postgres (it is the read-only role)");
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of(), Map.of("db-user", "postgres")))
                .hasMessage("Invalid stack configuration: db-user must not be the superuser postgres "
                        + "(the pipeline has a role of its own)");
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of("LAKEHOUSE_STACK_BI_PASSWORD", " "),
                Map.of("bi-user", "Bad-Name")))
                .hasMessageContaining("bi-user must be a lower-case SQL identifier, was 'Bad-Name'");
    }

    @Test
    void validationNamesEveryBadSetting() {
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of("LAKEHOUSE_STACK_S3_PORT", "9092"),
                Map.of("kafka-heap", "lots", "s3-bucket", "Bad_Bucket", "flink-port", "70000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3-port uses port 9092")
                .hasMessageContaining("kafka-heap must be a size like 512m or 2g, was 'lots'")
                .hasMessageContaining("s3-bucket must be a valid S3 bucket name")
                .hasMessageContaining("flink-port must be a port between 1 and 65535, was 70000");
    }

    @Test
    void numbersAndServicesAreParsedWithClearErrors() {
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of("LAKEHOUSE_STACK_POSTGRES_PORT", "five"), Map.of()))
                .hasMessageContaining("postgres-port must be a number, was 'five'");
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of(), Map.of("services", "kafka,redis")))
                .hasMessageContaining("unknown service 'redis'");
        assertThatThrownBy(() -> StackConfig.load(REPO, Map.of(), Map.of("unknown-key", "1")))
                .hasMessageContaining("unknown setting unknown-key");

        StackConfig config = StackConfig.load(REPO, Map.of(), Map.of("services", "postgres, flink",
                "start-timeout", "42"));
        assertThat(config.services()).containsExactlyInAnyOrder(StackService.POSTGRES,
                StackService.FLINK_JOBMANAGER, StackService.FLINK_TASKMANAGER);
        assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(42));
    }

    @Test
    void flinkRunsAsJobManagerAndTaskManagerTogether() {
        assertThatThrownBy(() -> StackConfig.defaults(REPO).withServices(EnumSet.of(StackService.FLINK_JOBMANAGER)))
                .hasMessageContaining("must run the Flink JobManager and TaskManager together");
    }

    @Test
    void ephemeralConfigUsesDistinctFreePortsAndTheGivenDataDir() {
        StackConfig config = StackConfig.ephemeral(REPO, Path.of("/tmp/stack-test"));

        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/stack-test"));
        assertThat(java.util.Set.of(config.kafkaPort(), config.kafkaControllerPort(), config.s3Port(),
                config.postgresPort(), config.flinkRestPort(), config.flinkRpcPort())).hasSize(6);
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        assertThat(StackConfig.environmentVariable("flink-taskmanager-memory"))
                .isEqualTo("LAKEHOUSE_STACK_FLINK_TASKMANAGER_MEMORY");
        StackConfig.Builder builder = StackConfig.builder(REPO);
        for (String key : StackConfig.KEYS.keySet()) {
            assertThat(key).matches("[a-z0-9-]+");
        }
        assertThat(builder.build()).isEqualTo(StackConfig.defaults(REPO));
    }
}

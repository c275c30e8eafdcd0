package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every service of the real local stack answers its real client. */
@ExtendWith(LocalStackExtension.class)
class LocalStackSystemTest {

    @Test
    void kafkaBrokerStoresAndServesRecords(StackEndpoints endpoints) throws Exception {
        String topic = "stack-test-" + UUID.randomUUID();
        StackProbes.createTopic(endpoints, topic, 2);

        StackProbes.produce(endpoints, topic, "user-1", "{\"event_type\":\"view\"}");

        List<ConsumerRecord<String, String>> records = StackProbes.consume(endpoints, topic, 1);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo("user-1");
        assertThat(records.get(0).value()).isEqualTo("{\"event_type\":\"view\"}");
    }

    @Test
    void s3StoreKeepsObjectsInTheWarehouseBucket(StackEndpoints endpoints) {
        String key = "stack-test/" + UUID.randomUUID() + ".txt";

        StackProbes.putObject(endpoints, key, "hello lakehouse");

        assertThat(StackProbes.getObject(endpoints, key)).isEqualTo("hello lakehouse");
        assertThat(endpoints.warehouse()).isEqualTo("s3://" + endpoints.s3Bucket() + "/warehouse");
    }

    @Test
    void postgresHoldsTheMartsSchemaAndTheIcebergCatalogTables(StackEndpoints endpoints) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(),
                endpoints.dbPassword()); Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "SELECT schema_name FROM information_schema.schemata"
                    + " WHERE schema_name = 'marts'")).containsExactly("marts");
            assertThat(strings(statement, "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_name LIKE 'iceberg_%' ORDER BY table_name"))
                    .containsExactly("iceberg_namespace_properties", "iceberg_tables");
            assertThat(strings(statement, "SELECT current_user")).containsExactly(endpoints.dbUser());
            statement.execute("CREATE TABLE marts.stack_probe (id INT PRIMARY KEY)");
            statement.execute("DROP TABLE marts.stack_probe");
        }
    }

    @Test
    void flinkClusterHasOneTaskManagerWithTwoSlots(StackEndpoints endpoints) {
        FlinkRestClient.ClusterOverview overview = new FlinkRestClient(endpoints.flinkRestUrl()).overview();

        assertThat(overview.taskManagers()).isEqualTo(1);
        assertThat(overview.slotsTotal()).isEqualTo(FlinkCluster.TASK_SLOTS);
        assertThat(overview.flinkVersion()).isEqualTo("2.0.0");
    }

    @Test
    void flinkAcceptsAJarUploadedAsTheWebUiDoes(StackEndpoints endpoints, @TempDir Path dir) throws Exception {
        Path jar = dir.resolve("probe.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("probe.txt"));
            out.write("probe".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        FlinkRestClient flink = new FlinkRestClient(endpoints.flinkRestUrl());

        // The upload is accepted (its id names the file); a jar without an entry class is then refused by Flink with
        // its own message, surfaced by the client, and the upload is deleted.
        assertThatThrownBy(() -> flink.submitJar(jar, null, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageMatching("(?s).*/jars/[0-9a-f-]+_probe\\.jar/run answered.*");
        assertThat(flink.jarIds()).isEmpty();
    }

    @Test
    void theDataDirectoryAndTheFilesHoldingSecretsAreOwnerOnly(LocalStack stack) throws Exception {
        StackConfig config = stack.config();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.dataDir())))
                .isEqualTo("rwx------");
        assertThat(LocalStack.secretFiles(config)).hasSize(2).allSatisfy(file -> {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
            assertThat(Files.readString(file)).as(file.toString()).contains(config.s3SecretKey());
        });
    }

    @Test
    void endpointsNeverPrintSecrets(StackEndpoints endpoints) {
        assertThat(endpoints.toString()).doesNotContain(endpoints.s3SecretKey()).contains("s3SecretKey=****");
    }

    private static List<String> strings(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}

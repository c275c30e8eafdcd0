package io.github.flinklakehouse.jobs.testing;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One real PostgreSQL per test JVM, started from the registry's embedded binaries on a free loopback port and
 * stopped by the JVM's shutdown hook.
 */
public final class TestPostgres {

    private static EmbeddedPostgres postgres;

    private TestPostgres() {
    }

    /** Connection settings of the {@code postgres} database, starting the server on first use. */
    public static synchronized JdbcConnectionSettings connection() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL failed to start", e);
            }
        }
        return new JdbcConnectionSettings(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    /** Opens a new connection to {@link #connection()}. */
    public static Connection open() throws SQLException {
        JdbcConnectionSettings settings = connection();
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }
}

package io.github.flinklakehouse.jobs.testing;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

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

    /**
     * The rows of {@code sql}, each its first {@code columns} values joined by spaces; timestamps as UTC instants, so
     * tests compare rows as text whatever the session time zone.
     */
    public static List<String> rowsAsText(String sql, int columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    values.add(value instanceof Timestamp || value instanceof OffsetDateTime
                            ? result.getObject(i, OffsetDateTime.class).toInstant().toString() : String.valueOf(value));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }
}

package io.github.flinklakehouse.jobs.marts;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the marts database. */
public final class MartDatabase {

    private MartDatabase() {
    }

    /**
     * Connects through the PostgreSQL driver directly rather than {@code DriverManager}, which keeps one
     * registration per JVM and fails with "No suitable driver" for the second job on a cluster whose lib does not
     * hold the driver (the driver then sits in a job jar's class loader).
     */
    public static Connection open(JdbcConnectionSettings connection) throws SQLException {
        Properties credentials = new Properties();
        credentials.setProperty("user", connection.user());
        credentials.setProperty("password", connection.password());
        Connection jdbc = new org.postgresql.Driver().connect(connection.url(), credentials);
        if (jdbc == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + connection.url());
        }
        return jdbc;
    }
}

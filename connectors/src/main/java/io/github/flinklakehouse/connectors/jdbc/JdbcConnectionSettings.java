package io.github.flinklakehouse.connectors.jdbc;

import java.io.Serializable;
import java.util.Objects;

/**
 * Where and as whom to connect to PostgreSQL; the password never appears in {@link #toString()}.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://localhost:5432/lakehouse}
 * @param user database user
 * @param password database password, may be empty
 */
public record JdbcConnectionSettings(String url, String user, String password) implements Serializable {

    public JdbcConnectionSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "JdbcConnectionSettings[url=" + url + ", user=" + user + ", password=***]";
    }
}

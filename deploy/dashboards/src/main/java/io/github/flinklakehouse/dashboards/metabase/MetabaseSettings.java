package io.github.flinklakehouse.dashboards.metabase;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Metabase is, who provisions it and which database it reads.
 *
 * @param url Metabase's address, e.g. {@code http://127.0.0.1:3000}
 * @param adminEmail the admin's e-mail: created by the first-time setup, otherwise used to log in
 * @param adminPassword the admin's password (never shown by {@link #toString()})
 * @param siteName the site name the first-time setup gives Metabase
 * @param collection the collection that holds the provisioned cards and dashboards (created when missing); cards and
 *     dashboards in it that no definition names any more are archived
 * @param readyTimeout how long to wait for {@code GET /api/health} to answer "ok" (Metabase needs a minute or more
 *     after its start)
 * @param retryInterval the pause between two health checks
 * @param database the marts database Metabase is to read, with the read-only role
 */
public record MetabaseSettings(URI url, String adminEmail, String adminPassword, String siteName, String collection,
        Duration readyTimeout, Duration retryInterval, MartsDatabase database) {

    public MetabaseSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(adminEmail, "adminEmail");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(database, "database");
        if (!url.toString().endsWith("/")) {
            url = URI.create(url + "/");
        }
    }

    @Override
    public String toString() {
        return "MetabaseSettings[url=" + url + ", adminEmail=" + adminEmail + ", adminPassword=****, siteName="
                + siteName + ", collection=" + collection + ", readyTimeout=" + readyTimeout + ", retryInterval="
                + retryInterval + ", database=" + database + "]";
    }

    /**
     * The PostgreSQL database of the marts as Metabase reaches it (from Metabase's host: in Docker, the service name).
     *
     * @param name the name Metabase shows it under; the provisioner finds it by this name
     * @param host host name or address
     * @param port port
     * @param dbname database name
     * @param user the read-only BI role
     * @param password its password (never shown by {@link #toString()})
     * @param schema the only schema Metabase syncs ({@code marts})
     */
    public record MartsDatabase(String name, String host, int port, String dbname, String user, String password,
            String schema) {
        @Override
        public String toString() {
            return "MartsDatabase[name=" + name + ", host=" + host + ", port=" + port + ", dbname=" + dbname
                    + ", user=" + user + ", password=****, schema=" + schema + "]";
        }
    }
}

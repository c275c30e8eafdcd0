package io.github.flinklakehouse.jobs.config;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * Where and how often the PostgreSQL marts are written.
 *
 * @param connection marts database (password redacted when printed)
 * @param schema PostgreSQL schema of the mart tables
 * @param flushInterval how often a changed mart row is written
 */
public record MartsSettings(JdbcConnectionSettings connection, String schema, Duration flushInterval)
        implements Serializable {
}

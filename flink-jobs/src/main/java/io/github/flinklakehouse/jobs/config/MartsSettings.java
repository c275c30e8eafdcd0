package io.github.flinklakehouse.jobs.config;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where and how often the PostgreSQL marts are written.
 *
 * @param connection marts database (password redacted when printed)
 * @param schema PostgreSQL schema of the mart tables
 * @param flushInterval how often a changed mart row is written
 * @param holdBackBefore rows already written whose period began before it are never overwritten; null: none
 */
public record MartsSettings(JdbcConnectionSettings connection, String schema, Duration flushInterval,
        Instant holdBackBefore) implements Serializable {

    /** When the job started without state over existing marts: the start of the first period it sees whole. */
    public Optional<Instant> holdBack() {
        return Optional.ofNullable(holdBackBefore);
    }
}

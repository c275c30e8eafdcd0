package io.github.flinklakehouse.dashboards;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL for this module's test JVM (from the registry's embedded binaries, on a loopback port), started
 * on first use and stopped by the library's shutdown hook: each test class works in schemas and roles of its own, and
 * the suite pays for one start, not one per class.
 */
public final class SharedPostgres {
    private static EmbeddedPostgres postgres;

    private SharedPostgres() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL failed to start", e);
            }
        }
        return postgres;
    }
}

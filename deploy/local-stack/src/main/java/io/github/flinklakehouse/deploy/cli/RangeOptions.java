package io.github.flinklakehouse.deploy.cli;

import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The pipeline, event-time range, marts schema and time limit shared by {@code backfill} and {@code parity}. */
final class RangeOptions {

    @Option(names = "--pipeline", defaultValue = "clickstream",
            description = "The registered pipeline whose marts to recompute (default ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--from", description = "First event time, a UTC date (2019-10-01) or an ISO-8601 instant.")
    String from;

    @Option(names = "--until", description = "Event time to stop before (exclusive), a UTC date or an ISO-8601 instant.")
    String until;

    @Option(names = "--schema", defaultValue = "marts", description = "Marts schema (default ${DEFAULT-VALUE}).")
    String schema;

    @Option(names = "--timeout", defaultValue = "PT2H", description = "Longest the job may run (default ${DEFAULT-VALUE}).")
    Duration timeout;

    /** Adds the given bounds as {@code backfill.from} / {@code backfill.until} job options. */
    void putInto(Map<String, String> job) {
        if (from != null) {
            job.put("backfill.from", from);
        }
        if (until != null) {
            job.put("backfill.until", until);
        }
    }
}

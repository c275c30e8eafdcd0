package io.github.flinklakehouse.jobs.marts;

import io.github.flinklakehouse.jobs.SinkBinding;

/**
 * Where the rows of each mart table go: PostgreSQL upserts in production ({@link JdbcMartSinks}), anything
 * else in tests.
 */
@FunctionalInterface
public interface MartSinks {

    /** Returns the binding that writes the rows of {@code table}. */
    <R> SinkBinding<R> sinkFor(MartTable<R> table);
}

package io.github.flinklakehouse.jobs.config;

/** What a clickstream backfill reads. */
public enum BackfillSource {
    /** CSV files in the dataset's format (plain or gzipped; local, {@code file://} or {@code s3://}). */
    FILES,
    /** {@code raw.clickstream_events} (re-derive the marts after a logic change). */
    LAKE,
    /** A bounded offset or timestamp range of the clickstream topic. */
    KAFKA
}

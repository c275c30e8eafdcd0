package io.github.flinklakehouse.jobs.clickstream.config;

/** Where a Kafka source starts when it has no checkpoint to restore from. */
public enum StartingOffsets {
    /** The oldest retained record. */
    EARLIEST,
    /** Only records produced after the job starts. */
    LATEST,
    /** The consumer group's committed offsets, falling back to earliest when there are none. */
    COMMITTED
}

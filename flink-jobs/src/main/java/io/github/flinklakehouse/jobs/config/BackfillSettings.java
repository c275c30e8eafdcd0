package io.github.flinklakehouse.jobs.config;

import java.io.Serializable;

/**
 * What {@code --job clickstream-backfill} reads and writes.
 *
 * @param source what to read; {@code null} when not given (only the backfill job needs it)
 * @param files for {@link BackfillSource#FILES}: comma-separated files, folders or globs
 * @param range the event-time range to backfill; events outside it are counted and skipped
 * @param writeLake whether accepted events go to {@code raw.clickstream_events} and dead letters to
 *     {@code raw.rejected_events}; {@code null} = the source's default (files yes, Kafka and lake no)
 * @param kafkaStart for {@link BackfillSource#KAFKA}: {@code earliest}, an ISO-8601 instant or
 *     {@code partition:offset[,partition:offset...]}
 * @param kafkaStop for {@link BackfillSource#KAFKA}: {@code latest}, an ISO-8601 instant or
 *     {@code partition:offset[,...]} (exclusive)
 */
public record BackfillSettings(BackfillSource source, String files, EventTimeRange range, Boolean writeLake,
        String kafkaStart, String kafkaStop) implements Serializable {

    /** No backfill requested. */
    public static BackfillSettings none() {
        return new BackfillSettings(null, null, EventTimeRange.ALL, null, "earliest", "latest");
    }

    /**
     * Whether the backfill appends to the raw tables: by default only a file backfill does (Kafka records were
     * normally ingested by the live job already, and lake rows are the lake).
     */
    public boolean writesLake() {
        return writeLake != null ? writeLake : source == BackfillSource.FILES;
    }
}

package io.github.flinklakehouse.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Event-time behaviour of the clickstream job.
 *
 * @param maxOutOfOrderness watermark lag behind the largest event time seen
 * @param idleness after this long without events a split no longer holds back the watermark
 * @param allowedLateness how long after its end an hour still accepts events
 * @param martsFlushInterval how often a changed hourly row is emitted while its hour is open
 */
public record ClickstreamSettings(
        Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness, Duration martsFlushInterval)
        implements Serializable {

    /** The defaults of {@link LakehouseOptions}. */
    public static ClickstreamSettings defaults() {
        return new ClickstreamSettings(
                LakehouseOptions.CLICKSTREAM_MAX_OUT_OF_ORDERNESS.defaultValue(),
                LakehouseOptions.CLICKSTREAM_IDLENESS.defaultValue(),
                LakehouseOptions.CLICKSTREAM_ALLOWED_LATENESS.defaultValue(),
                LakehouseOptions.MARTS_FLUSH_INTERVAL.defaultValue());
    }
}

package io.github.flinklakehouse.jobs.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Event-time, validation and dedupe behaviour of the clickstream job.
 *
 * @param maxOutOfOrderness watermark lag behind the largest event time seen
 * @param idleness after this long without events a split no longer holds back the watermark
 * @param allowedLateness how long after its end an hour still accepts events
 * @param martsFlushInterval how often a changed hourly row is emitted while its hour is open
 * @param validation payload size and event-time limits of the parser
 * @param dedupeHorizon how long (event time) an {@code event_id} is remembered to drop producer retries
 */
public record ClickstreamSettings(
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        Duration martsFlushInterval,
        EventValidation validation,
        Duration dedupeHorizon) implements Serializable {

    public ClickstreamSettings {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(dedupeHorizon, "dedupeHorizon");
    }

    /** Event-time settings with the default validation and dedupe horizon. */
    public ClickstreamSettings(
            Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness, Duration martsFlushInterval) {
        this(maxOutOfOrderness, idleness, allowedLateness, martsFlushInterval, EventValidation.defaults(),
                LakehouseOptions.CLICKSTREAM_DEDUPE_HORIZON.defaultValue());
    }

    /** The defaults of {@link LakehouseOptions}. */
    public static ClickstreamSettings defaults() {
        return new ClickstreamSettings(
                LakehouseOptions.CLICKSTREAM_MAX_OUT_OF_ORDERNESS.defaultValue(),
                LakehouseOptions.CLICKSTREAM_IDLENESS.defaultValue(),
                LakehouseOptions.CLICKSTREAM_ALLOWED_LATENESS.defaultValue(),
                LakehouseOptions.MARTS_FLUSH_INTERVAL.defaultValue());
    }
}

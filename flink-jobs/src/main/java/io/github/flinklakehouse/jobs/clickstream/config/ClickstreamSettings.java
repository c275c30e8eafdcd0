package io.github.flinklakehouse.jobs.clickstream.config;

import io.github.flinklakehouse.jobs.quality.QualityRules;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Event-time, validation and dedupe behaviour of the clickstream job.
 *
 * @param maxOutOfOrderness watermark lag behind the largest event time seen
 * @param idleness after this long without events a split no longer holds back the watermark
 * @param allowedLateness how far behind the watermark an event may arrive and still count in the marts
 * @param martsFlushInterval how often a changed mart row is emitted while its period is open
 * @param validation payload size and event-time limits of the parser
 * @param dedupeHorizon how long (event time) an {@code event_id} is remembered to drop producer retries
 * @param marts shape of the top-N, trending and session marts
 * @param quality the declared data-quality rules ({@code clickstream.quality.rules}), possibly none
 */
public record ClickstreamSettings(
        Duration maxOutOfOrderness,
        Duration idleness,
        Duration allowedLateness,
        Duration martsFlushInterval,
        EventValidation validation,
        Duration dedupeHorizon,
        ClickstreamMartSettings marts,
        QualityRules quality) implements Serializable {

    public ClickstreamSettings {
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(dedupeHorizon, "dedupeHorizon");
        Objects.requireNonNull(marts, "marts");
        Objects.requireNonNull(quality, "quality");
    }

    /** Settings without data-quality rules. */
    public ClickstreamSettings(Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness,
            Duration martsFlushInterval, EventValidation validation, Duration dedupeHorizon,
            ClickstreamMartSettings marts) {
        this(maxOutOfOrderness, idleness, allowedLateness, martsFlushInterval, validation, dedupeHorizon, marts,
                QualityRules.none());
    }

    /** A copy with other data-quality rules. */
    public ClickstreamSettings withQuality(QualityRules rules) {
        return new ClickstreamSettings(maxOutOfOrderness, idleness, allowedLateness, martsFlushInterval, validation,
                dedupeHorizon, marts, rules);
    }

    /** Event-time settings with the default validation, dedupe horizon and mart shapes. */
    public ClickstreamSettings(
            Duration maxOutOfOrderness, Duration idleness, Duration allowedLateness, Duration martsFlushInterval) {
        this(maxOutOfOrderness, idleness, allowedLateness, martsFlushInterval, EventValidation.defaults(),
                ClickstreamOptions.CLICKSTREAM_DEDUPE_HORIZON.defaultValue(), ClickstreamMartSettings.defaults());
    }

    /** A copy with other mart shapes. */
    public ClickstreamSettings withMarts(ClickstreamMartSettings newMarts) {
        return new ClickstreamSettings(maxOutOfOrderness, idleness, allowedLateness, martsFlushInterval, validation,
                dedupeHorizon, newMarts, quality);
    }

    /** The defaults of {@link ClickstreamOptions}. */
    public static ClickstreamSettings defaults() {
        return new ClickstreamSettings(
                ClickstreamOptions.CLICKSTREAM_MAX_OUT_OF_ORDERNESS.defaultValue(),
                ClickstreamOptions.CLICKSTREAM_IDLENESS.defaultValue(),
                ClickstreamOptions.CLICKSTREAM_ALLOWED_LATENESS.defaultValue(),
                io.github.flinklakehouse.jobs.config.SharedOptions.MARTS_FLUSH_INTERVAL.defaultValue());
    }
}

package io.github.flinklakehouse.jobs.clickstream.config;

import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import java.io.Serializable;

/**
 * The clickstream pipeline's settings, read from its options ({@link ClickstreamOptions}).
 *
 * @param kafka where the live job reads from
 * @param clickstream event-time, validation, dedupe and mart settings
 */
public record ClickstreamConfig(KafkaSettings kafka, ClickstreamSettings clickstream) implements Serializable {

    /** The clickstream settings of a loaded configuration. */
    public static ClickstreamConfig of(LakehouseConfig config) {
        return config.settings(ClickstreamOptions.GROUP);
    }
}

package io.github.flinklakehouse.jobs.pipeline.tollgate;

import java.io.Serializable;
import java.time.Duration;

/**
 * The toll-gate pipeline's own settings.
 *
 * @param maxOutOfOrderness watermark lag
 * @param allowedLateness how late a passage may arrive and still count
 */
public record TollGateSettings(Duration maxOutOfOrderness, Duration allowedLateness) implements Serializable {
}

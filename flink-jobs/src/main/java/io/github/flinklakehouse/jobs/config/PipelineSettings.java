package io.github.flinklakehouse.jobs.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * Runtime settings every job applies to its environment.
 *
 * @param checkpointInterval exactly-once checkpoint interval
 * @param parallelism job parallelism
 */
public record PipelineSettings(Duration checkpointInterval, int parallelism) implements Serializable {
}

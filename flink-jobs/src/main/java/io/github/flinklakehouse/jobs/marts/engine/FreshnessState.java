package io.github.flinklakehouse.jobs.marts.engine;

/**
 * What {@link PipelineFreshnessOperator} checkpoints, so its numbers survive a restart.
 *
 * @param lateEvents late events counted so far
 * @param maxEventTime largest event time seen (epoch millis), {@link Long#MIN_VALUE} when none
 * @param lastCheckpointId id of the last completed checkpoint, or {@code null}
 * @param lastCheckpointAt when it completed (epoch millis), or {@code null}
 */
public record FreshnessState(long lateEvents, long maxEventTime, Long lastCheckpointId, Long lastCheckpointAt) {
}

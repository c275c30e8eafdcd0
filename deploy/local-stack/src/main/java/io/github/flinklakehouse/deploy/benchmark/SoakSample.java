package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.deploy.stack.StackService;
import java.util.Map;

/**
 * One soak sample, taken every sample interval while the job runs.
 *
 * @param elapsedSeconds since the producer started
 * @param producedEvents events produced so far
 * @param heapLowBytes the TaskManager's lowest heap use seen since the previous sample (close to its live data:
 *     the lowest value is the one right after a collection), -1 when none was seen
 * @param stateBytes full state size of the latest completed checkpoint
 * @param stateBytesPerOperator the same per operator chain (job vertex name), to see which part grows
 * @param checkpointMillis duration of the latest completed checkpoint
 * @param rssBytes resident set size of each stack process
 * @param openFiles open file descriptors of each stack process
 * @param dataFiles data files of the raw table's current snapshot
 * @param snapshots snapshots of the raw table
 */
public record SoakSample(long elapsedSeconds, long producedEvents, long heapLowBytes, long stateBytes,
        Map<String, Long> stateBytesPerOperator, long checkpointMillis, Map<StackService, Long> rssBytes, Map<StackService, Long> openFiles, long dataFiles,
        long snapshots) {
}

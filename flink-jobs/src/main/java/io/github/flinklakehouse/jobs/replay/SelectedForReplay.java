package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.jobs.config.ReplaySettings;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the rejected rows of the requested reason and time range (the Iceberg scan filter only prunes files). */
final class SelectedForReplay implements FilterFunction<ReplayCandidate> {

    private static final long serialVersionUID = 1L;

    private final ReplaySettings replay;

    SelectedForReplay(ReplaySettings replay) {
        this.replay = replay;
    }

    @Override
    public boolean filter(ReplayCandidate candidate) {
        return replay.selects(candidate.reason(), candidate.seenAt());
    }
}

package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which retained checkpoint folder a job restores from. */
class RetainedCheckpointsTest {
    private static final String JOB = "checkpoints/0123456789abcdef0123456789abcdef";

    @Test
    void theHighestNumberedCheckpointWithMetadataWins() {
        assertThat(RetainedCheckpoints.latestOf(List.of(
                JOB + "/chk-9/_metadata",
                JOB + "/chk-10/_metadata",
                JOB + "/chk-10/3f1c-state",
                JOB + "/shared/",
                JOB + "/taskowned/")))
                .contains(JOB + "/chk-10");
    }

    @Test
    void aCheckpointWhoseMetadataWasNeverWrittenIsNotOne() {
        // Killed half-way through chk-11: its state files exist, its _metadata does not.
        assertThat(RetainedCheckpoints.latestOf(List.of(JOB + "/chk-10/_metadata", JOB + "/chk-11/",
                JOB + "/chk-11/5e2a-state"))).contains(JOB + "/chk-10");
        assertThat(RetainedCheckpoints.latestOf(List.of(JOB + "/chk-11/", JOB + "/shared/"))).isEmpty();
    }
}

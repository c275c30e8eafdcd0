package io.github.flinklakehouse.deploy.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.jobs.RestorePoints.RestorePoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order in which {@code lakehouse run} picks the state to resume from, and what it records. */
class RestorePointsTest {
    private static final String JOB_A = "a".repeat(32);
    private static final String JOB_B = "b".repeat(32);
    private static final String SAVEPOINT = "s3://lakehouse/savepoints/savepoint-aaaaaa-0123456789ab";

    @TempDir
    Path jobDir;

    /** Retained checkpoints by job id, as the S3 store would list them. */
    private final Map<String, String> checkpoints = new HashMap<>();

    private RestorePoints restorePoints() {
        return new RestorePoints(jobDir, "clickstream", jobId -> Optional.ofNullable(checkpoints.get(jobId)));
    }

    @Test
    void aFirstRunStartsWithoutState() {
        assertThat(restorePoints().find().exists()).isFalse();
    }

    @Test
    void theSavepointOfACleanStopComesFirst() {
        RestorePoints points = restorePoints();
        points.submitted(JOB_A, RestorePoint.NONE, Optional.empty());
        checkpoints.put(JOB_A, "s3://lakehouse/checkpoints/" + JOB_A + "/chk-7");
        points.stoppedWithSavepoint(SAVEPOINT);

        assertThat(points.find().path()).isEqualTo(SAVEPOINT);
    }

    @Test
    void theSavepointIsForgottenOnceAJobWasSubmittedFromIt() throws Exception {
        RestorePoints points = restorePoints();
        points.stoppedWithSavepoint(SAVEPOINT);
        RestorePoint savepoint = points.find();
        points.submitted(JOB_B, savepoint, Optional.empty());

        assertThat(jobDir.resolve("clickstream.savepoint")).doesNotExist();
        assertThat(points.lastRun()).contains(new RestorePoints.LastRun(JOB_B, SAVEPOINT, null));
        // A crash before job B completed a checkpoint: B committed nothing, so its own starting point is right.
        assertThat(points.find().path()).isEqualTo(SAVEPOINT);
        // A crash after: B's latest checkpoint, never the stale savepoint (which would append every event since twice).
        checkpoints.put(JOB_B, "s3://lakehouse/checkpoints/" + JOB_B + "/chk-3");
        assertThat(points.find().path()).isEqualTo("s3://lakehouse/checkpoints/" + JOB_B + "/chk-3");
        assertThat(points.find().description()).contains(JOB_B);
    }

    @Test
    void aFailedFinalSavepointResumesFromTheLatestCheckpoint() {
        RestorePoints points = restorePoints();
        points.submitted(JOB_A, RestorePoint.NONE, Optional.empty());
        checkpoints.put(JOB_A, "s3://lakehouse/checkpoints/" + JOB_A + "/chk-12");

        assertThat(points.find().path()).isEqualTo("s3://lakehouse/checkpoints/" + JOB_A + "/chk-12");
    }

    @Test
    void theHoldBackOfAStateThatBeganWithoutStateIsKeptByEveryJobResumedFromIt() {
        RestorePoints points = restorePoints();
        Instant holdBack = Instant.parse("2019-10-01T10:20:05.001Z");
        points.submitted(JOB_A, RestorePoint.NONE, Optional.of(holdBack));
        points.stoppedWithSavepoint(SAVEPOINT);

        assertThat(points.find().path()).isEqualTo(SAVEPOINT);
        assertThat(points.holdBack()).contains(holdBack);
        points.submitted(JOB_B, points.find(), points.holdBack());
        assertThat(points.holdBack()).contains(holdBack);
    }

    @Test
    void aJobWithoutStateAndWithoutCheckpointsLeavesNothingToRestore() throws Exception {
        RestorePoints points = restorePoints();
        points.submitted(JOB_A, RestorePoint.NONE, Optional.empty());

        assertThat(points.find().exists()).isFalse();
        assertThat(Files.readString(jobDir.resolve("clickstream.last-run"))).contains("job-id=" + JOB_A);
    }
}

package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.RestorePoints;
import io.github.flinklakehouse.deploy.jobs.RestorePoints.RestorePoint;
import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.RetainedCheckpoints;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One long-running pipeline job of {@code lakehouse run}: where it resumes from ({@link RestorePoints} of its own in
 * {@code <data>/jobs}), its configuration file, its submission and its stop with a savepoint, and the lines
 * {@code run} prints about each. The pipeline-specific settings (topics, API URLs, hold-back) come from the caller.
 *
 * <pre>
 *   announce() ── restore point ──> start(settings, hold-back) ── job id ──> awaitRunning() ... Ctrl-C ──> stop()
 * </pre>
 */
final class RunJob {
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);

    private final String job;
    private final Path jobDir;
    private final RestorePoints restorePoints;
    private final FlinkRestClient rest;
    private final JobSubmission submission;
    private volatile RestorePoint restorePoint;
    private volatile String jobId;

    /** @param job the job's name in the job jar ({@code --job}), also the name of its files in {@code jobDir} */
    RunJob(String job, Path jobDir, StackEndpoints endpoints, FlinkRestClient rest, JobSubmission submission) {
        this.job = job;
        this.jobDir = jobDir;
        this.restorePoints = new RestorePoints(jobDir, job, new RetainedCheckpoints(endpoints)::latest);
        this.rest = rest;
        this.submission = submission;
    }

    String job() {
        return job;
    }

    /** Finds where the job resumes from and says so: {@code Resuming the <job> job from ...} or without state. */
    RestorePoint announce(PrintWriter out) {
        restorePoint = restorePoints.find();
        out.println(restorePoint.exists()
                ? "Resuming the " + job + " job from " + restorePoint.description() + ": " + restorePoint.path()
                        + " ..."
                : "Submitting the " + job + " job without state (" + restorePoint.description() + ") ...");
        return restorePoint;
    }

    /** See {@link RestorePoints#holdBack()}: for a job that resumes. */
    Optional<Instant> recordedHoldBack() {
        return restorePoints.holdBack();
    }

    /** True when a job of this pipeline was submitted before on this data directory. */
    boolean ranBefore() {
        return restorePoints.lastRun().isPresent();
    }

    /**
     * Writes the job's configuration file (the stack's endpoints, {@code settings}, the hold-back) and submits the job
     * from the restore point {@link #announce} found; returns its id once the cluster accepted it, while its tasks
     * deploy ({@link #awaitRunning}).
     */
    String start(PrintWriter out, StackEndpoints endpoints, Map<String, String> settings,
            Optional<Instant> holdBack) {
        if (restorePoint == null) {
            throw new IllegalStateException("announce() first");
        }
        Map<String, String> all = new HashMap<>(settings);
        holdBack.ifPresent(instant -> all.put(SharedOptions.MARTS_HOLD_BACK_BEFORE.key(), instant.toString()));
        Path configFile = StackJobConfigFile.write(jobDir.resolve(job + ".properties"), endpoints, all);
        out.flush();
        RestorePoint from = restorePoint;
        jobId = submission.start(job, configFile, from.path(),
                submitted -> restorePoints.submitted(submitted, from, holdBack));
        return jobId;
    }

    /** Waits until the job {@link #start} submitted runs every task; returns its id. */
    String awaitRunning() {
        try {
            submission.awaitRunning(jobId, SUBMIT_TIMEOUT);
        } catch (RuntimeException e) {
            // Two jobs may be deploying at once: say which one did not start.
            throw new IllegalStateException("The " + job + " job " + jobId + " did not start: " + e.getMessage(), e);
        }
        return jobId;
    }

    /** {@code Clickstream job <id> is RUNNING: <web UI link>}. */
    String runningLine(StackEndpoints endpoints) {
        return Character.toUpperCase(job.charAt(0)) + job.substring(1) + " job " + jobId + " is RUNNING: "
                + endpoints.flinkRestUrl() + "/#/job/running/" + jobId + "/overview";
    }

    /** The job's state as the cluster reports it. */
    String state() {
        return rest.jobState(jobId);
    }

    /**
     * Stops the job with a savepoint, which the next run resumes from; when that fails the job is cancelled, and the
     * next run resumes from its latest retained checkpoint. Does nothing when the job was never submitted.
     */
    void stop(PrintWriter out) {
        if (jobId == null) {
            return;
        }
        try {
            String savepoint = rest.stopWithSavepoint(jobId, null, SAVEPOINT_TIMEOUT);
            restorePoints.stoppedWithSavepoint(savepoint);
            out.println("Stopped the " + job + " job with savepoint " + savepoint + "; the next run resumes from it.");
        } catch (RuntimeException e) {
            out.println("Could not stop the job with a savepoint (" + job + " job " + jobId + ": " + e.getMessage()
                    + "); cancelling it. The next run resumes from its latest checkpoint, which the cluster retains.");
            try {
                rest.cancel(jobId);
            } catch (RuntimeException ignored) {
                // The cluster stops right after this anyway, and a failed job keeps its checkpoints too.
            }
        }
        out.flush();
    }
}

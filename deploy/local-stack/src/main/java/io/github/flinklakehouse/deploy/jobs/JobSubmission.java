package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits a named job of the shaded job jar to a Flink session cluster through its REST API, exactly
 * as the web UI's "Submit New Job" does ({@link FlinkRestClient#submitJar}: upload, run, delete the upload), and
 * waits until every task runs ({@link #submit}), or in two steps ({@link #start}, {@link #awaitRunning}).
 */
public final class JobSubmission {
    private static final Logger LOG = LoggerFactory.getLogger(JobSubmission.class);

    private final FlinkRestClient rest;
    private final Path jobJar;

    public JobSubmission(FlinkRestClient rest, Path jobJar) {
        this.rest = rest;
        this.jobJar = jobJar;
    }

    /**
     * Runs {@code --job <job> --config <configFile>}, from {@code savepointPath} when not null, and returns
     * the job id once every task runs (a job is RUNNING before its tasks are deployed); a job that fails on
     * start fails this call with its exception.
     */
    public String submit(String job, Path configFile, String savepointPath, Duration timeout) {
        String jobId = start(job, configFile, savepointPath, id -> { });
        awaitRunning(jobId, timeout);
        return jobId;
    }

    /**
     * Uploads and runs the jar ({@code --job <job> --config <configFile>}, from {@code savepointPath} when not null)
     * and returns the job id as soon as the cluster accepted the job, after telling {@code onSubmitted}; its tasks are
     * still being deployed ({@link #awaitRunning}). Lets a caller submit a second job while the first deploys.
     */
    public String start(String job, Path configFile, String savepointPath, Consumer<String> onSubmitted) {
        List<String> args = new ArrayList<>(List.of("--job", job, "--config", configFile.toAbsolutePath().toString()));
        String jobId = rest.submitJar(jobJar, JobJar.ENTRY_CLASS, args, null, savepointPath, false);
        LOG.info("Submitted job {} as {}{}", job, jobId, savepointPath == null ? "" : " from " + savepointPath);
        onSubmitted.accept(jobId);
        return jobId;
    }

    /** Waits until the job is RUNNING with every task running; a job that fails on start fails this call. */
    public void awaitRunning(String jobId, Duration timeout) {
        rest.awaitJobState(jobId, "RUNNING", timeout);
        rest.awaitAllTasksRunning(jobId, timeout);
    }
}

package io.github.flinklakehouse.deploy.savepoint;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Replaces a running job by a new version that takes over its state: check, stop with a savepoint, start.
 *
 * <pre>
 *  1. savepoint of the running job (it keeps running) ──> probe: its operators vs the new jar's job graph
 *  2. refuse (job untouched) when state would be dropped: always for a committer, otherwise unless allowed
 *  3. stop the job with a savepoint (sources stop, sinks commit)
 *  4. upload the new jar and run it from that savepoint; wait until RUNNING
 * </pre>
 * The probe's own savepoint is a full savepoint too, kept beside the others.
 */
public final class SavepointRedeploy {

    /**
     * What to deploy.
     *
     * @param jobId the running job to replace
     * @param jar the new job jar
     * @param entryClass its entry class, null for the jar's Main-Class
     * @param programArgs the new job's arguments (the REST API does not tell the old ones: pass them again)
     * @param allowNonRestoredState whether state without an operator in the new job may be dropped (never a committer's)
     * @param savepointDir where savepoints go, null for the cluster's {@code execution.checkpointing.savepoint-dir}
     */
    public record Request(String jobId, Path jar, String entryClass, List<String> programArgs,
            boolean allowNonRestoredState, String savepointDir) {
        public Request {
            programArgs = List.copyOf(programArgs);
        }
    }

    /** The savepoint the new job started from, and its id. */
    public record Result(String savepointPath, String newJobId, OperatorMapping mapping) {
    }

    private static final int PROBE_PARALLELISM = 2;

    private final FlinkRestClient rest;
    private final StackEndpoints endpoints;
    private final SavepointProbeRunner probe;
    private final Duration timeout;

    public SavepointRedeploy(FlinkRestClient rest, StackEndpoints endpoints, SavepointProbeRunner probe, Duration timeout) {
        this.rest = rest;
        this.endpoints = endpoints;
        this.probe = probe;
        this.timeout = timeout;
    }

    /**
     * Runs the redeploy, reporting each step to {@code progress}.
     *
     * @throws IncompatibleSavepointException before anything was stopped, when state would be dropped
     */
    public Result redeploy(Request request, Consumer<String> progress) throws IOException, InterruptedException {
        // A job that is restarting or still deploying cannot take a savepoint: wait (fails when the job has ended).
        rest.awaitAllTasksRunning(request.jobId(), timeout);
        progress.accept("Taking a savepoint of " + request.jobId() + " to check the new job against (the job keeps running) ...");
        String checkSavepoint = rest.triggerSavepoint(request.jobId(), request.savepointDir(), timeout);
        OperatorMapping mapping = check(checkSavepoint, request);
        mapping.requireRestorable(request.allowNonRestoredState());
        if (!mapping.complete()) {
            progress.accept("Dropping the state of " + mapping.unmapped().size() + " operator(s) as allowed: "
                    + mapping.unmapped().stream().map(SavedOperator::label).toList());
        }

        progress.accept("Stopping " + request.jobId() + " with a savepoint ...");
        String savepoint = rest.stopWithSavepoint(request.jobId(), request.savepointDir(), timeout);
        progress.accept("Savepoint: " + savepoint);
        try {
            String newJobId = rest.submitJar(request.jar(), request.entryClass(), request.programArgs(), null,
                    savepoint, request.allowNonRestoredState());
            rest.awaitJobState(newJobId, "RUNNING", timeout);
            progress.accept("Job " + newJobId + " is RUNNING from " + savepoint);
            return new Result(savepoint, newJobId, mapping);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The old job is stopped, but the new one did not start: " + e.getMessage()
                    + " — resume the previous version from savepoint " + savepoint, e);
        }
    }

    private OperatorMapping check(String savepoint, Request request) throws IOException, InterruptedException {
        Path metadata = Files.createTempFile("savepoint-", "-metadata");
        try {
            Files.delete(metadata);
            SavepointMetadataFile.download(endpoints, savepoint, metadata);
            return OperatorMapping.of(probe.probe(metadata, request.jar(), request.entryClass(), PROBE_PARALLELISM,
                    request.programArgs()));
        } finally {
            Files.deleteIfExists(metadata);
        }
    }
}

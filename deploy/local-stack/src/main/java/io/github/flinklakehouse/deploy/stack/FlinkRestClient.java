package io.github.flinklakehouse.deploy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client of the Flink REST API, the same calls the web UI makes: submit a job jar (upload, run, delete
 * the upload), watch, cancel and stop jobs with a savepoint.
 */
public final class FlinkRestClient {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkRestClient.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * {@code POST /jars/:id/run} answers once the jar's main() has built and submitted the job: about 20 s for the
     * clickstream job on a busy 2-core machine, over 40 s when other stacks share it. Giving up earlier would leave a
     * job running that the caller never learns of.
     */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration DEFAULT_SAVEPOINT_TIMEOUT = Duration.ofMinutes(3);
    private static final Set<String> TERMINAL_STATES = Set.of("FINISHED", "CANCELED", "FAILED");

    /**
     * One line of {@code GET /jobs/overview}; {@code activeTasks} are those deploying, initializing or running (a task
     * waiting for a slot is SCHEDULED).
     */
    public record JobSummary(String id, String name, String state, int activeTasks) {
        public boolean terminal() {
            return TERMINAL_STATES.contains(state);
        }
    }

    /** The parts of {@code GET /overview} the stack checks. */
    public record ClusterOverview(int taskManagers, int slotsTotal, int slotsAvailable, int jobsRunning,
            String flinkVersion) {
    }

    /** One line of {@code GET /taskmanagers}: the TaskManager's resource id and its registered slots. */
    public record TaskManagerSummary(String id, int slots) {
    }

    /**
     * The parts of {@code GET /jobs/:id/checkpoints} that say how far checkpointing got: counts of completed,
     * failed and restored checkpoints, the id of the latest completed one and of the one the job restored
     * from last ({@code -1} when none), and whether that one was a savepoint.
     */
    public record CheckpointStats(long completed, long failed, long restored, long latestCompletedId,
            long latestRestoredId, boolean restoredFromSavepoint) {
    }

    /**
     * One vertex (a chain of operators running as one task) of {@code GET /jobs/:id}: its figures summed over its
     * subtasks. Records and bytes count only what crosses the network between vertices (a source reads none, a
     * chained sink writes none); the accumulated times are milliseconds of subtask time, {@code NaN} when Flink
     * reports none.
     */
    public record VertexFigures(String name, int parallelism, long startOffsetMillis, long durationMillis,
            long readRecords, long writeRecords, long readBytes, long writeBytes, double busyMillis,
            double backPressuredMillis, double idleMillis) {
    }

    /**
     * What the completed checkpoints of a job cost ({@code GET /jobs/:id/checkpoints}, {@code summary}): end-to-end
     * durations in milliseconds and checkpointed sizes in bytes (average and maximum), and the full state size and
     * duration of the latest completed one; zero before the first.
     */
    public record CheckpointCosts(long completed, long averageDurationMillis, long maxDurationMillis,
            long averageCheckpointedBytes, long maxCheckpointedBytes, long latestStateBytes,
            long latestDurationMillis) {
    }

    /** The parts of {@code GET /jobs/:id} that say where a job's time went: its state, duration and vertices. */
    public record JobFigures(String state, long durationMillis, List<VertexFigures> vertices) {
    }

    /** A job reached FAILED (or another end state) while a caller waited for a different state. */
    public static final class JobFailedException extends RuntimeException {
        public JobFailedException(String message) {
            super(message);
        }
    }

    private final String baseUrl;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param baseUrl the REST address, e.g. {@code http://127.0.0.1:8081} */
    public FlinkRestClient(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public ClusterOverview overview() {
        JsonNode overview = send(request("/overview").GET());
        return new ClusterOverview(overview.path("taskmanagers").asInt(), overview.path("slots-total").asInt(),
                overview.path("slots-available").asInt(), overview.path("jobs-running").asInt(),
                overview.path("flink-version").asText());
    }

    /** The job's state, duration and per-vertex figures ({@code GET /jobs/:id}), e.g. after it FINISHED. */
    public JobFigures jobFigures(String jobId) {
        JsonNode job = send(request("/jobs/" + jobId).GET());
        List<VertexFigures> vertices = new ArrayList<>();
        long jobStart = job.path("start-time").asLong();
        for (JsonNode vertex : job.path("vertices")) {
            JsonNode metrics = vertex.path("metrics");
            long vertexStart = vertex.path("start-time").asLong();
            vertices.add(new VertexFigures(vertex.path("name").asText(), vertex.path("parallelism").asInt(),
                    vertexStart > 0 && jobStart > 0 ? vertexStart - jobStart : -1, vertex.path("duration").asLong(),
                    metrics.path("read-records").asLong(),
                    metrics.path("write-records").asLong(), metrics.path("read-bytes").asLong(),
                    metrics.path("write-bytes").asLong(), number(metrics.path("accumulated-busy-time")),
                    number(metrics.path("accumulated-backpressured-time")),
                    number(metrics.path("accumulated-idle-time"))));
        }
        return new JobFigures(job.path("state").asText(), job.path("duration").asLong(), vertices);
    }

    /**
     * The current values of a TaskManager's metrics ({@code GET /taskmanagers/:id/metrics?get=...}), e.g.
     * {@code Status.JVM.Memory.Heap.Used}; metrics it does not report are absent. The JobManager refreshes these
     * values every {@code metrics.fetcher.update-interval} (10 s by default).
     */
    public Map<String, String> taskManagerMetrics(String taskManagerId, List<String> names) {
        Map<String, String> values = new TreeMap<>();
        String query = URLEncoder.encode(String.join(",", names), StandardCharsets.UTF_8);
        for (JsonNode metric : send(request("/taskmanagers/" + taskManagerId + "/metrics?get=" + query).GET())) {
            values.put(metric.path("id").asText(), metric.path("value").asText());
        }
        return values;
    }

    /**
     * The current values of the JobManager's metrics ({@code GET /jobmanager/metrics?get=...}), e.g.
     * {@code Status.JVM.Memory.Metaspace.Used}; refreshed like {@link #taskManagerMetrics}.
     */
    public Map<String, String> jobManagerMetrics(List<String> names) {
        Map<String, String> values = new TreeMap<>();
        String query = URLEncoder.encode(String.join(",", names), StandardCharsets.UTF_8);
        for (JsonNode metric : send(request("/jobmanager/metrics?get=" + query).GET())) {
            values.put(metric.path("id").asText(), metric.path("value").asText());
        }
        return values;
    }

    private static double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }

    /**
     * The TaskManagers registered with the resource manager (a dead one stays listed until two heartbeat calls to it
     * failed).
     */
    public List<TaskManagerSummary> taskManagers() {
        List<TaskManagerSummary> taskManagers = new ArrayList<>();
        for (JsonNode taskManager : send(request("/taskmanagers").GET()).path("taskmanagers")) {
            taskManagers.add(new TaskManagerSummary(taskManager.path("id").asText(),
                    taskManager.path("slotsNumber").asInt()));
        }
        return taskManagers;
    }

    /**
     * Submits a job as the web UI's "Submit New Job" does: uploads {@code jar} ({@code POST /jars/upload}), runs it
     * ({@code POST /jars/:id/run}) and returns the job id. The uploaded jar is deleted ({@code DELETE /jars/:id})
     * once the run call has answered, whether it started a job or failed: the JobManager keeps its own copy of a
     * submitted job's jar (in its blob store), and every jar left behind is a copy of the job jar in the upload
     * folder and in {@code GET /jars}.
     *
     * @param parallelism null for the cluster default
     * @param savepointPath null to start without state
     * @param allowNonRestoredState lets the job start although some state of the savepoint belongs to no operator of
     *     the new job (that state is dropped)
     */
    public String submitJar(Path jar, String entryClass, List<String> programArgs, Integer parallelism,
            String savepointPath, boolean allowNonRestoredState) {
        String jarId = uploadJar(jar);
        RuntimeException failure = null;
        try {
            return runJar(jarId, entryClass, programArgs, parallelism, savepointPath, allowNonRestoredState);
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            try {
                deleteJar(jarId);
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    // The job runs; a jar left in the upload folder is not worth failing the submission for.
                    LOG.warn("Could not delete the uploaded jar {}: {}", jarId, e.toString());
                }
            }
        }
    }

    /** As {@link #submitJar(Path, String, List, Integer, String, boolean)}: no state, the default parallelism. */
    public String submitJar(Path jar, String entryClass, List<String> programArgs) {
        return submitJar(jar, entryClass, programArgs, null, null, false);
    }

    /** The ids of the jars in the upload folder ({@code GET /jars}), e.g. {@code <uuid>_lakehouse-jobs.jar}. */
    public List<String> jarIds() {
        List<String> ids = new ArrayList<>();
        for (JsonNode file : send(request("/jars").GET()).path("files")) {
            ids.add(file.path("id").asText());
        }
        return ids;
    }

    /** Deletes an uploaded jar from the upload folder ({@code DELETE /jars/:id}); jobs started from it keep running. */
    public void deleteJar(String jarId) {
        send(request("/jars/" + jarId).DELETE());
    }

    /** Uploads a job jar as the web UI does ({@code POST /jars/upload}, multipart) and returns its jar id. */
    private String uploadJar(Path jar) {
        String boundary = "----lakehouse" + UUID.randomUUID();
        HttpRequest.BodyPublisher content;
        try {
            // Streamed from the file: the job jar is 177 MB, not worth holding in the CLI's heap.
            content = HttpRequest.BodyPublishers.ofFile(jar);
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException("Cannot read job jar " + jar, e);
        }
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; "
                        + "name=\"jarfile\"; filename=\"" + jar.getFileName()
                        + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n", StandardCharsets.UTF_8),
                content,
                HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        JsonNode response = send(request("/jars/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(body));
        String fileName = response.path("filename").asText();
        return Path.of(fileName).getFileName().toString();
    }

    /** Runs an uploaded jar ({@code POST /jars/:id/run}) and returns the job id. */
    private String runJar(String jarId, String entryClass, List<String> programArgs, Integer parallelism,
            String savepointPath, boolean allowNonRestoredState) {
        ObjectNode body = json.createObjectNode();
        if (allowNonRestoredState) {
            body.put("allowNonRestoredState", true);
        }
        if (entryClass != null) {
            body.put("entryClass", entryClass);
        }
        body.putPOJO("programArgsList", programArgs == null ? List.of() : programArgs);
        if (parallelism != null) {
            body.put("parallelism", parallelism);
        }
        if (savepointPath != null) {
            body.put("savepointPath", savepointPath);
        }
        return send(request("/jars/" + jarId + "/run").timeout(RUN_TIMEOUT).POST(jsonBody(body))).path("jobid")
                .asText();
    }

    /** The job's user accumulators by name (their string values), e.g. the replay's counts. */
    public Map<String, String> accumulators(String jobId) {
        Map<String, String> accumulators = new java.util.TreeMap<>();
        for (JsonNode accumulator : send(request("/jobs/" + jobId + "/accumulators").GET()).path("user-task-accumulators")) {
            accumulators.put(accumulator.path("name").asText(), accumulator.path("value").asText());
        }
        return accumulators;
    }

    /** The job's global job parameters ({@code GET /jobs/:id/config}, "user-config"), e.g. a backfill's input size. */
    public Map<String, String> userConfig(String jobId) {
        Map<String, String> parameters = new java.util.TreeMap<>();
        send(request("/jobs/" + jobId + "/config").GET()).path("execution-config").path("user-config").fields()
                .forEachRemaining(entry -> parameters.put(entry.getKey(), entry.getValue().asText()));
        return parameters;
    }

    /** A REST call answered with an error status; {@link #errors()} are the "errors" of its body (stack traces). */
    public static final class RestErrorException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final List<String> errors;

        RestErrorException(String message, List<String> errors) {
            super(message);
            this.errors = List.copyOf(errors);
        }

        public List<String> errors() {
            return errors;
        }

        /** The innermost cause of the first error, e.g. the exception {@code main()} of a submitted jar threw. */
        public String innermostCause() {
            return errors.isEmpty() ? getMessage() : FlinkRestClient.innermostCause(errors.get(0));
        }
    }

    private List<String> errors(String body) {
        List<String> errors = new ArrayList<>();
        try {
            for (JsonNode error : json.readTree(body).path("errors")) {
                errors.add(error.asText());
            }
        } catch (IOException | RuntimeException e) {
            // Not JSON: the message keeps the raw body.
        }
        return errors;
    }

    /** The last {@code Caused by: } line of a stack trace without that prefix, or its first line. */
    public static String innermostCause(String trace) {
        String innermost = trace.lines().findFirst().orElse("");
        for (String line : trace.lines().toList()) {
            if (line.startsWith("Caused by: ")) {
                innermost = line.substring("Caused by: ".length());
            }
        }
        return innermost;
    }

    /**
     * The innermost cause of the job's latest failure, one line ({@code Caused by: X: message} of the root
     * exception's stack trace, or its first line), e.g. the bad file a backfill stopped at; empty without failure.
     */
    public String rootCause(String jobId) {
        JsonNode exceptions = send(request("/jobs/" + jobId + "/exceptions").GET());
        JsonNode history = exceptions.path("exceptionHistory").path("entries");
        String trace = history.isArray() && !history.isEmpty()
                ? history.get(0).path("stacktrace").asText()
                : exceptions.path("root-exception").asText();
        return innermostCause(trace);
    }

    public String jobState(String jobId) {
        return send(request("/jobs/" + jobId).GET()).path("state").asText();
    }

    /**
     * When the job last entered each state it has been in ({@code GET /jobs/:id}, "timestamps"), e.g. whether it
     * went through RESTARTING; states it never reached are absent.
     */
    public Map<String, Long> stateTimestamps(String jobId) {
        Map<String, Long> timestamps = new TreeMap<>();
        send(request("/jobs/" + jobId).GET()).path("timestamps").fields().forEachRemaining(entry -> {
            if (entry.getValue().asLong() > 0) {
                timestamps.put(entry.getKey(), entry.getValue().asLong());
            }
        });
        return timestamps;
    }

    /** Checkpoint counts and the latest completed / restored checkpoint of a job. */
    public CheckpointStats checkpointStats(String jobId) {
        JsonNode checkpoints = send(request("/jobs/" + jobId + "/checkpoints").GET());
        JsonNode counts = checkpoints.path("counts");
        JsonNode latest = checkpoints.path("latest");
        JsonNode restored = latest.path("restored");
        return new CheckpointStats(counts.path("completed").asLong(), counts.path("failed").asLong(),
                counts.path("restored").asLong(), latest.path("completed").path("id").asLong(-1),
                restored.path("id").asLong(-1), restored.path("is_savepoint").asBoolean(false));
    }

    /** Durations and sizes of a job's completed checkpoints. */
    public CheckpointCosts checkpointCosts(String jobId) {
        JsonNode checkpoints = send(request("/jobs/" + jobId + "/checkpoints").GET());
        JsonNode summary = checkpoints.path("summary");
        JsonNode duration = summary.path("end_to_end_duration");
        JsonNode size = summary.path("checkpointed_size");
        return new CheckpointCosts(checkpoints.path("counts").path("completed").asLong(),
                duration.path("avg").asLong(), duration.path("max").asLong(), size.path("avg").asLong(),
                size.path("max").asLong(), checkpoints.path("latest").path("completed").path("state_size").asLong(),
                checkpoints.path("latest").path("completed").path("end_to_end_duration").asLong());
    }

    /**
     * The full state size of each operator chain (job vertex, by name) in the latest completed checkpoint
     * ({@code GET /jobs/:id/checkpoints/details/:checkpoint}, {@code tasks.*.state_size}); empty before the first.
     */
    public Map<String, Long> latestStatePerVertex(String jobId) {
        JsonNode latest = send(request("/jobs/" + jobId + "/checkpoints").GET()).path("latest").path("completed");
        if (!latest.hasNonNull("id")) {
            return Map.of();
        }
        Map<String, String> names = new TreeMap<>();
        for (JsonNode vertex : send(request("/jobs/" + jobId).GET()).path("vertices")) {
            names.put(vertex.path("id").asText(), vertex.path("name").asText());
        }
        Map<String, Long> sizes = new TreeMap<>();
        JsonNode tasks = send(request("/jobs/" + jobId + "/checkpoints/details/" + latest.path("id").asLong()).GET())
                .path("tasks");
        tasks.fields().forEachRemaining(task -> sizes.merge(names.getOrDefault(task.getKey(), task.getKey()),
                task.getValue().path("state_size").asLong(), Long::sum));
        return sizes;
    }

    /**
     * The failures the job recovered from or died of, newest first ({@code GET /jobs/:id/exceptions}, exception
     * history), each as the first line of its stack trace, e.g. {@code ...: TaskManager with id ... is no longer
     * reachable.}.
     */
    public List<String> exceptionHistory(String jobId) {
        List<String> failures = new ArrayList<>();
        JsonNode entries = send(request("/jobs/" + jobId + "/exceptions").GET()).path("exceptionHistory").path("entries");
        for (JsonNode entry : entries) {
            String trace = entry.path("stacktrace").asText(entry.path("exceptionName").asText());
            failures.add(trace.lines().findFirst().orElse(""));
        }
        return failures;
    }

    public List<JobSummary> jobs() {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : send(request("/jobs/overview").GET()).path("jobs")) {
            JsonNode tasks = job.path("tasks");
            int active = tasks.path("deploying").asInt() + tasks.path("initializing").asInt()
                    + tasks.path("running").asInt();
            jobs.add(new JobSummary(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    active));
        }
        return jobs;
    }

    public void cancel(String jobId) {
        send(request("/jobs/" + jobId + "?mode=cancel").method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** Stops a job with a savepoint into {@code targetDir} and returns the savepoint's path. */
    public String stopWithSavepoint(String jobId, String targetDir) {
        return stopWithSavepoint(jobId, targetDir, DEFAULT_SAVEPOINT_TIMEOUT);
    }

    /** As {@link #stopWithSavepoint(String, String)}, waiting at most {@code timeout}. */
    public String stopWithSavepoint(String jobId, String targetDir, Duration timeout) {
        ObjectNode body = json.createObjectNode();
        if (targetDir != null) {
            body.put("targetDirectory", targetDir);
        }
        body.put("drain", false);
        String triggerId = send(request("/jobs/" + jobId + "/stop").POST(jsonBody(body))).path("request-id").asText();
        return awaitSavepoint(jobId, triggerId, timeout);
    }

    /** Takes a savepoint of a job that keeps running and returns its path; {@code targetDir} null for the cluster's. */
    public String triggerSavepoint(String jobId, String targetDir, Duration timeout) {
        ObjectNode body = json.createObjectNode();
        if (targetDir != null) {
            body.put("target-directory", targetDir);
        }
        body.put("cancel-job", false);
        String triggerId = send(request("/jobs/" + jobId + "/savepoints").POST(jsonBody(body))).path("request-id").asText();
        return awaitSavepoint(jobId, triggerId, timeout);
    }

    private String awaitSavepoint(String jobId, String triggerId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode status = send(request("/jobs/" + jobId + "/savepoints/" + triggerId).GET());
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new JobFailedException("Savepoint of job " + jobId + " failed: "
                            + operation.path("failure-cause").path("stack-trace").asText(
                                    operation.path("failure-cause").toString()));
                }
                return operation.path("location").asText();
            }
            pause(deadline, "savepoint of job " + jobId);
        }
    }

    /**
     * Waits until every task of the job runs (the job is RUNNING before its tasks are deployed, and a savepoint
     * needs them all); fails like {@link #awaitJobState} when the job ends.
     */
    public void awaitAllTasksRunning(String jobId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode job = send(request("/jobs/" + jobId).GET());
            String state = job.path("state").asText();
            if (TERMINAL_STATES.contains(state)) {
                throw new JobFailedException("Job " + jobId + " is " + state + " (waited for its tasks to run)"
                        + rootException(jobId));
            }
            boolean allRunning = job.path("vertices").size() > 0;
            for (JsonNode vertex : job.path("vertices")) {
                allRunning &= "RUNNING".equals(vertex.path("status").asText());
            }
            if (allRunning) {
                return;
            }
            pause(deadline, "every task of job " + jobId + " to run");
        }
    }

    /**
     * Waits until the job is in {@code state}; fails at once with the job's root exception when it ends
     * in another state (FAILED, CANCELED, FINISHED), and when {@code timeout} passes.
     */
    public void awaitJobState(String jobId, String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String current = jobState(jobId);
            if (current.equals(state)) {
                return;
            }
            if (TERMINAL_STATES.contains(current)) {
                throw new JobFailedException("Job " + jobId + " is " + current + " (waited for " + state + ")"
                        + rootException(jobId));
            }
            pause(deadline, "job " + jobId + " to be " + state + " (now " + current + ")");
        }
    }

    private String rootException(String jobId) {
        try {
            JsonNode exceptions = send(request("/jobs/" + jobId + "/exceptions").GET());
            JsonNode history = exceptions.path("exceptionHistory").path("entries");
            String root = history.isArray() && !history.isEmpty()
                    ? history.get(0).path("stacktrace").asText()
                    : exceptions.path("root-exception").asText();
            return root.isEmpty() ? "" : ": " + root;
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void pause(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Timed out waiting for " + what);
        }
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + what, e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT);
    }

    private HttpRequest.BodyPublisher jsonBody(JsonNode body) {
        try {
            return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.header("Accept", "application/json").build();
        if (request.bodyPublisher().isPresent() && request.headers().firstValue("Content-Type").isEmpty()) {
            request = HttpRequest.newBuilder(request, (name, value) -> true)
                    .header("Content-Type", "application/json").build();
        }
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new RestErrorException("Flink REST " + request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body(), errors(response.body()));
            }
            String body = response.body();
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Flink REST " + request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling Flink REST " + request.uri(), e);
        }
    }
}

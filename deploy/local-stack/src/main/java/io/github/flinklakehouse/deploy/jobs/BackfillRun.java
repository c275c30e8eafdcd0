package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.marts.range.MartRangeComparison;
import io.github.flinklakehouse.jobs.marts.range.MartRangePublisher;
import io.github.flinklakehouse.jobs.marts.range.ParityReport;
import io.github.flinklakehouse.jobs.marts.range.PublishResult;
import io.github.flinklakehouse.jobs.marts.range.RangeLakeCopy;
import io.github.flinklakehouse.jobs.marts.range.StagingSchema;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import io.github.flinklakehouse.jobs.pipeline.BackfillCheck;
import io.github.flinklakehouse.jobs.pipeline.Pipeline;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a pipeline's backfill job ({@code --job <pipeline>-backfill}) on a stack into a fresh staging schema, printing progress, and then either
 * publishes the staging rows of the range into the target schema (a backfill) or compares them with it (the parity
 * check). The staging schema is dropped in every case.
 */
public final class BackfillRun {

    /** What to do with the recomputed marts. */
    public enum Outcome {
        /** Replace the target's rows of the range (one transaction). */
        PUBLISH,
        /** Report the target's rows of the range that differ from the recomputed ones. */
        COMPARE
    }

    /**
     * One backfill.
     *
     * @param pipeline the registered pipeline whose marts to backfill, e.g. {@code clickstream}
     * @param jobOptions options of the backfill job ({@code backfill.*} and any other non-secret option), without
     *     {@code marts.schema}
     * @param targetSchema the marts schema to publish into or compare with
     * @param outcome publish or compare
     * @param timeout the longest the job may run
     */
    public record Request(String pipeline, Map<String, String> jobOptions, String targetSchema, Outcome outcome,
            Duration timeout) {
        public Request {
            jobOptions = Map.copyOf(jobOptions);
        }
    }

    /**
     * What a backfill did.
     *
     * @param jobId the Flink job
     * @param lakeWritten whether the job appended to the raw tables (its {@code backfill.write-lake} decision)
     * @param counters the job's final accumulators
     * @param jobTime from submission to FINISHED
     * @param martsTime publishing or comparing
     * @param published the publish, for {@link Outcome#PUBLISH}
     * @param parity the comparison, for {@link Outcome#COMPARE}
     * @param checks the line of each of the pipeline's backfill checks, all passed
     */
    public record Result(String jobId, boolean lakeWritten, Map<String, String> counters, Duration jobTime, Duration martsTime,
            PublishResult published, ParityReport parity, List<String> checks) {
        public Result {
            checks = List.copyOf(checks);
        }
    }

    /** A backfill job that did not finish; the message names the cause (e.g. the bad file). */
    public static final class BackfillFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BackfillFailedException(String message) {
            super(message);
        }
    }

    private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELED");
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(2);

    private final StackEndpoints stack;
    private final Path jobsDir;
    private final Path jobJar;

    /**
     * @param jobsDir where the job's config file (it holds secrets, mode 600) is written
     * @param jobJar the shaded job jar to upload
     */
    public BackfillRun(StackEndpoints stack, Path jobsDir, Path jobJar) {
        this.stack = stack;
        this.jobsDir = jobsDir;
        this.jobJar = jobJar;
    }

    /** A run on the stack of {@code config}, with the job jar built in {@code repoHome}. */
    public static BackfillRun on(StackConfig config, Path repoHome) {
        return new BackfillRun(config.endpoints(), config.dataDir().resolve("jobs"), JobJar.locate(repoHome));
    }

    /** Runs the backfill; {@code out} gets the job link, progress lines and nothing else. */
    public Result run(Request request, PrintWriter out) throws SQLException {
        Pipeline pipeline = LakehouseJobs.PIPELINES.pipeline(request.pipeline());
        String jobName = pipeline.backfillJob().orElseThrow(() -> new ConfigException("The pipeline "
                + pipeline.name() + " has no backfill job")).name();
        Path configFile = StackJobConfigFile.write(jobsDir.resolve(jobName + ".properties"), stack, Map.of());
        Map<String, String> options = new LinkedHashMap<>(request.jobOptions());
        options.put(SharedOptions.MARTS_SCHEMA.key(), request.targetSchema());
        // The same configuration the job reads: marts connection, range and mart shapes for the publish.
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(options, Optional.of(configFile), Map.of());
        EventTimeRange range = config.backfill().range();
        List<MartTable<?>> tables = pipeline.martTables(config);

        StagingSchema staging = StagingSchema.random();
        options.put(SharedOptions.MARTS_SCHEMA.key(), staging.name());
        List<String> args = new ArrayList<>(List.of("--job", jobName, "--config", configFile.toString()));
        options.forEach((key, value) -> args.addAll(List.of("--" + key, value)));

        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        long started = System.nanoTime();
        String jobId;
        try {
            jobId = rest.submitJar(jobJar, JobJar.ENTRY_CLASS, args);
        } catch (FlinkRestClient.RestErrorException e) {
            dropQuietly(staging, config);
            throw new BackfillFailedException("The backfill job was not started: " + e.innermostCause());
        } catch (RuntimeException e) {
            dropQuietly(staging, config);
            throw e;
        }
        out.println("Backfill job " + jobId + " (marts staged in " + staging.name() + "): " + stack.flinkRestUrl()
                + "/#/job/running/" + jobId + "/overview");
        out.flush();
        Map<String, String> counters;
        try {
            counters = awaitFinished(rest, jobId, started, request.timeout(), out);
        } catch (RuntimeException e) {
            dropQuietly(staging, config);
            throw e;
        }
        Duration jobTime = Duration.ofNanos(System.nanoTime() - started);
        List<String> checks;
        try {
            checks = verify(pipeline.backfillChecks(config), counters, range);
        } catch (RuntimeException e) {
            dropQuietly(staging, config);
            throw e;
        }

        long martsStarted = System.nanoTime();
        if (request.outcome() == Outcome.PUBLISH) {
            MartTable.ensureAll(config.marts().connection(), request.targetSchema(), tables);
            PublishResult published = new MartRangePublisher(config.marts().connection(), tables, pipeline.name(),
                    pipeline.rangeMerges(config)).publish(staging, request.targetSchema(), range);
            published = published.withLakeTables(copyToLake(pipeline.rangeLakeCopies(config), config,
                    request.targetSchema(), range));
            return new Result(jobId, config.backfill().writesLake(), counters, jobTime,
                    Duration.ofNanos(System.nanoTime() - martsStarted), published, null, checks);
        }
        try {
            ParityReport parity = new MartRangeComparison(config.marts().connection(),
                    MartRangeComparison.DEFAULT_LISTED_PER_TABLE, tables, pipeline.name()).compare(request.targetSchema(), staging.name(), range);
            return new Result(jobId, config.backfill().writesLake(), counters, jobTime,
                    Duration.ofNanos(System.nanoTime() - martsStarted), null, parity, checks);
        } finally {
            staging.drop(config.marts().connection());
        }
    }

    /** Runs the pipeline's lake copies after the publish; a failure names what is published and how to repeat. */
    private static List<PublishResult.TablePublish> copyToLake(List<RangeLakeCopy> copies, LakehouseConfig config,
            String target, EventTimeRange range) {
        List<PublishResult.TablePublish> lake = new ArrayList<>();
        for (RangeLakeCopy copy : copies) {
            try {
                lake.addAll(copy.copy(config.marts().connection(), target, range));
            } catch (SQLException | IOException | RuntimeException e) {
                throw new BackfillFailedException("The range " + range + " is published into " + target
                        + ", but its lake copies were not brought up to date: " + withRootCause(e)
                        + ". Run the same backfill again with --write-lake false (so a file backfill does not append"
                        + " its events to the raw tables twice): it publishes the same rows and repeats the copy");
            }
        }
        return lake;
    }

    private static String withRootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (caused by " + root + ")";
    }

    /** Runs every check over the finished job; the first violated one fails the backfill with its message. */
    private static List<String> verify(List<BackfillCheck> checks, Map<String, String> counters, EventTimeRange range) {
        List<String> lines = new ArrayList<>();
        for (BackfillCheck check : checks) {
            try {
                lines.add(check.verify(counters, range));
            } catch (BackfillCheck.Failed e) {
                throw new BackfillFailedException("Backfill check failed: " + e.getMessage());
            }
        }
        return lines;
    }

    private static Map<String, String> awaitFinished(FlinkRestClient rest, String jobId, long started, Duration timeout,
            PrintWriter out) {
        long deadline = started + timeout.toNanos();
        Map<String, String> totals = Map.of();
        while (true) {
            String state = rest.jobState(jobId);
            Map<String, String> counters = rest.accumulators(jobId);
            if (totals.isEmpty()) {
                totals = rest.userConfig(jobId);
            }
            if (state.equals("FINISHED")) {
                out.println(BackfillProgress.line(counters, totals, Duration.ofNanos(System.nanoTime() - started)));
                out.flush();
                return counters;
            }
            if (TERMINAL.contains(state)) {
                throw new BackfillFailedException("Backfill job " + jobId + " is " + state + ": " + rest.rootCause(jobId));
            }
            if (state.equals("RUNNING")) {
                out.println(BackfillProgress.line(counters, totals, Duration.ofNanos(System.nanoTime() - started)));
                out.flush();
            }
            if (System.nanoTime() > deadline) {
                rest.cancel(jobId);
                throw new BackfillFailedException("Backfill job " + jobId + " did not finish within " + timeout
                        + "; cancelled");
            }
            try {
                Thread.sleep(PROGRESS_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rest.cancel(jobId);
                throw new BackfillFailedException("Interrupted; backfill job " + jobId + " cancelled");
            }
        }
    }

    private static void dropQuietly(StagingSchema staging, LakehouseConfig config) {
        try {
            staging.drop(config.marts().connection());
        } catch (SQLException e) {
            // The schema may not exist yet (the job failed before creating it); leftovers are listed by
            // StagingSchema.existing and named backfill_<hex>.
        }
    }
}

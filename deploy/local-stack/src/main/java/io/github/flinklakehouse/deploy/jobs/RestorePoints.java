package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.deploy.stack.PrivateFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Which state a restarted long-running job resumes from, and the two files in {@code <data>/jobs} that remember it:
 * {@code <job>.savepoint} (the final savepoint of the last clean stop) and {@code <job>.last-run} (the id of the last
 * submitted job and the restore point it started from).
 *
 * <p>In this order: the savepoint of a clean stop; else the latest retained checkpoint of the last submitted job (its
 * final savepoint failed, or the stack crashed); else the point that job itself started from (it died before its
 * first checkpoint, so it committed nothing); else none. The savepoint file is removed as soon as a job has been
 * submitted from it: after that, the job's own checkpoints are newer, and restoring the savepoint again would
 * append every event since to the raw tables a second time.
 */
public final class RestorePoints {
    private static final String JOB_ID = "job-id";
    private static final String RESTORED_FROM = "restored-from";
    private static final String HOLD_BACK_BEFORE = "hold-back-before";

    /** A state to start from; {@link #NONE} to start without state. */
    public record RestorePoint(String path, String description) {
        public static final RestorePoint NONE = new RestorePoint(null, "no savepoint or retained checkpoint");

        public boolean exists() {
            return path != null;
        }
    }

    /**
     * The last submission as recorded: its job id, the path it was restored from (null: without state) and, when its
     * state began without state over existing marts, the start of the first period it saw whole (null otherwise).
     */
    public record LastRun(String jobId, String restoredFrom, Instant holdBackBefore) {
    }

    private final Path savepointFile;
    private final Path lastRunFile;
    private final Function<String, Optional<String>> latestCheckpointOfJob;

    /**
     * @param latestCheckpointOfJob the folder of a job's latest completed checkpoint, by job id (e.g.
     *     {@code RetainedCheckpoints::latest})
     */
    public RestorePoints(Path jobDir, String job, Function<String, Optional<String>> latestCheckpointOfJob) {
        this.savepointFile = jobDir.resolve(job + ".savepoint");
        this.lastRunFile = jobDir.resolve(job + ".last-run");
        this.latestCheckpointOfJob = latestCheckpointOfJob;
    }

    /** Where the next job should start from. */
    public RestorePoint find() {
        Optional<String> savepoint = read(savepointFile).map(String::strip).filter(path -> !path.isEmpty());
        if (savepoint.isPresent()) {
            return new RestorePoint(savepoint.get(), "the savepoint of the last stop");
        }
        Optional<LastRun> lastRun = lastRun();
        if (lastRun.isEmpty()) {
            return RestorePoint.NONE;
        }
        Optional<String> checkpoint = latestCheckpointOfJob.apply(lastRun.get().jobId());
        if (checkpoint.isPresent()) {
            return new RestorePoint(checkpoint.get(), "the latest checkpoint of job " + lastRun.get().jobId());
        }
        if (lastRun.get().restoredFrom() != null) {
            return new RestorePoint(lastRun.get().restoredFrom(), "the state job " + lastRun.get().jobId()
                    + " started from (it completed no checkpoint)");
        }
        return RestorePoint.NONE;
    }

    /** The last submission, if any was recorded. */
    public Optional<LastRun> lastRun() {
        return read(lastRunFile).map(text -> {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(text));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot parse " + lastRunFile, e);
            }
            String jobId = properties.getProperty(JOB_ID);
            if (jobId == null || jobId.isBlank()) {
                throw new IllegalStateException(lastRunFile + " names no " + JOB_ID
                        + "; delete it to start without state");
            }
            String holdBack = properties.getProperty(HOLD_BACK_BEFORE);
            return new LastRun(jobId.strip(), properties.getProperty(RESTORED_FROM),
                    holdBack == null ? null : Instant.parse(holdBack.strip()));
        });
    }

    /**
     * Until when the state of the job that will resume holds partial periods: set when that state began without state
     * over existing marts, and kept for every job resumed from it (its state of those periods stays partial).
     */
    public Optional<Instant> holdBack() {
        return lastRun().map(LastRun::holdBackBefore);
    }

    /**
     * Records a job as submitted from {@code from}, as soon as its id is known (before it can complete a checkpoint),
     * and only then removes the savepoint file: a crash in between restores that savepoint once more, never nothing.
     *
     * @param holdBack see {@link #holdBack()}
     */
    public void submitted(String jobId, RestorePoint from, Optional<Instant> holdBack) {
        Properties properties = new Properties();
        properties.setProperty(JOB_ID, jobId);
        if (from.exists()) {
            properties.setProperty(RESTORED_FROM, from.path());
        }
        holdBack.ifPresent(instant -> properties.setProperty(HOLD_BACK_BEFORE, instant.toString()));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "The last job `lakehouse run` submitted and the state it started from");
            PrivateFiles.write(lastRunFile, text.toString());
            Files.deleteIfExists(savepointFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record job " + jobId + " in " + lastRunFile, e);
        }
    }

    /** Records the final savepoint of a clean stop: the next job starts from it. */
    public void stoppedWithSavepoint(String savepointPath) {
        try {
            PrivateFiles.write(savepointFile, savepointPath);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record savepoint " + savepointPath + " in " + savepointFile, e);
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}

package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.testing.FlinkJobs;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 13: twenty submissions of the real 177 MB job jar through the web UI's REST calls, each with a wrong job name,
 * so that the jar's main() runs in the JobManager in a class loader of its own and fails while building the job graph
 * (the class-loading path of every submission, at a second or two each). Afterwards the upload folder is empty, no job
 * was created (so the TaskManager saw none of them), and, measured after a full GC ({@code jcmd GC.run}), the last
 * ten submissions left no class loader and no metaspace behind in the JobManager (the first ones warm up Flink's
 * own submission path). The figures (the REST metric {@code Status.JVM.Memory.Metaspace.Used} of both JVMs and the
 * post-GC ones) are logged.
 *
 * <p>A full submission's main() gets as far as Iceberg, Hadoop and the AWS SDK, whose static threads and shutdown
 * hooks kept every submission's class loader (about 30 MB) until {@code JobClassLoaderRelease} stopped them: the
 * second test submits the live job a few times and cancels it. After each of those submissions {@code GET /jars}
 * lists nothing and the upload folder holds no jar, and the first job still deploys and runs every task (the
 * TaskManager gets the jar from the JobManager's blob store).
 */
@ExtendWith(LocalStackExtension.class)
class SubmissionMetaspaceSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(SubmissionMetaspaceSystemTest.class);
    private static final int SUBMISSIONS = 20;
    private static final int WARM_UP = 10;
    private static final String METASPACE = "Status.JVM.Memory.Metaspace.Used";
    /** A kept loader of the live job's main() would show as one more loader per submission. */
    private static final int FULL_SUBMISSIONS = 3;
    /** Twenty leaked loaders of even this small main() would hold more; a kept loader of the full job holds ~15 MB. */
    private static final long STEADY_STATE_SLACK_KIB = 4 * 1024;

    @Test
    void twentySubmissionsLeaveNoUploadAndNoClassLoaderBehind(LocalStack stack) throws Exception {
        FlinkRestClient rest = new FlinkRestClient(stack.endpoints().flinkRestUrl());
        Path jar = JobJar.locate(LocalStackExtension.repoHome());
        long jobManager = new PidFiles(stack.config().runDir()).live(StackService.FLINK_JOBMANAGER).orElseThrow().pid();
        String taskManagerId = rest.taskManagers().get(0).id();
        int jobsBefore = rest.jobs().size();
        String restBefore = restFigures(rest, taskManagerId);
        List<String> figures = new ArrayList<>(List.of("0: " + JvmProbe.afterFullGc(jobManager)));
        JvmProbe.Metaspace warmedUp = null;

        for (int i = 1; i <= SUBMISSIONS; i++) {
            assertThatThrownBy(() -> rest.submitJar(jar, JobJar.ENTRY_CLASS, List.of("--job", "no-such-job")))
                    .hasMessageContaining("Unknown job 'no-such-job'");
            if (i % 10 == 0) {
                JvmProbe.Metaspace now = JvmProbe.afterFullGc(jobManager);
                figures.add(i + ": " + now);
                warmedUp = i == WARM_UP ? now : warmedUp;
            }
        }
        JvmProbe.Metaspace last = JvmProbe.afterFullGc(jobManager);
        // The REST figures are the metric fetcher's (refreshed every 10 s, so possibly from before the last GC); the
        // post-GC figures beside them are what the assertions use.
        LOG.info("Metaspace over {} submissions. REST metric before: {}; after: {}. JobManager after a full GC: {}",
                SUBMISSIONS, restBefore, restFigures(rest, taskManagerId), figures);

        assertThat(rest.jarIds()).as("jars listed").isEmpty();
        assertThat(jarFiles(FlinkCluster.webUploadDir(stack.config()))).as("jar files in the upload folder").isEmpty();
        assertThat(rest.jobs()).as("jobs: a failed run creates none, the TaskManager saw none").hasSize(jobsBefore);
        assertThat(last.jobClassLoaders()).as("job class loaders alive in the JobManager")
                .isLessThanOrEqualTo(warmedUp.jobClassLoaders());
        assertThat(last.usedKib()).as("JobManager metaspace (KiB) after a full GC, after submission " + WARM_UP
                + " it was " + warmedUp.usedKib()).isLessThan(warmedUp.usedKib() + STEADY_STATE_SLACK_KIB);
    }

    @Test
    void fullSubmissionsOfTheLiveJobLeaveNoClassLoaderBehind(LocalStack stack, @TempDir Path dir) throws Exception {
        FlinkRestClient rest = new FlinkRestClient(stack.endpoints().flinkRestUrl());
        Path jar = JobJar.locate(LocalStackExtension.repoHome());
        long jobManager = new PidFiles(stack.config().runDir()).live(StackService.FLINK_JOBMANAGER).orElseThrow().pid();
        String run = UUID.randomUUID().toString().substring(0, 8);
        // The first job runs, so its topic must exist.
        KafkaTopics.ensure(stack.endpoints().kafkaBootstrapServers(), "class-loaders-" + run, 2);
        Path config = StackJobConfigFile.write(dir.resolve("job.properties"), stack.endpoints(), Map.of(
                "clickstream.kafka.topic", "class-loaders-" + run, "clickstream.kafka.group-id", "class-loaders-" + run,
                "marts.schema", "marts_loaders_" + run, "pipeline.parallelism", "1"));
        List<String> figures = new ArrayList<>();
        JvmProbe.Metaspace warmedUp = null;

        Path uploadDir = FlinkCluster.webUploadDir(stack.config());
        for (int i = 1; i <= FULL_SUBMISSIONS; i++) {
            FlinkJobs.awaitFreeSlots(rest, 1, Duration.ofMinutes(2));
            // The first job is left to deploy every task: the TaskManager gets the jar from the JobManager's blob
            // store, after the run call had deleted the upload. The others are cancelled as soon as they exist.
            String jobId = i == 1
                    ? new JobSubmission(rest, jar).submit("clickstream", config, null, Duration.ofMinutes(2))
                    : rest.submitJar(jar, JobJar.ENTRY_CLASS, List.of("--job", "clickstream", "--config",
                            config.toString()));
            try {
                assertThat(rest.jarIds()).as("jars listed after submission " + i).isEmpty();
                assertThat(jarFiles(uploadDir)).as("jar files in " + uploadDir + " after submission " + i).isEmpty();
            } finally {
                // Later tests share the stack: never leave a job holding a slot.
                FlinkJobs.cancelIfRunning(rest, jobId, Duration.ofMinutes(2));
            }
            rest.awaitJobState(jobId, "CANCELED", Duration.ofMinutes(2));
            JvmProbe.Metaspace now = JvmProbe.afterFullGc(jobManager);
            figures.add(i + ": " + now);
            warmedUp = i == 1 ? now : warmedUp;
        }
        // Flink keeps uploads in <web.upload.dir>/flink-web-upload: the folder checked above is the one it uses.
        assertThat(uploadDir.resolve("flink-web-upload")).as("the cluster's upload folder").isDirectory();
        // A cancelled job's own class loader (the JobMaster's) is released a little later: wait for it.
        JvmProbe.Metaspace[] last = {null};
        long baseline = warmedUp.jobClassLoaders();
        FlinkJobs.awaitTrue(() -> (last[0] = JvmProbe.afterFullGc(jobManager)).jobClassLoaders() <= baseline,
                "no more job class loaders than after the first submission (" + warmedUp + ")", Duration.ofSeconds(90));
        LOG.info("JobManager after a full GC, after each of {} submissions of the live job: {}; at the end: {}",
                FULL_SUBMISSIONS, figures, last[0]);

        assertThat(last[0].usedKib()).as("JobManager metaspace (KiB) after a full GC; after the first submission it was "
                + warmedUp.usedKib()).isLessThan(warmedUp.usedKib() + STEADY_STATE_SLACK_KIB);
    }

    private static String restFigures(FlinkRestClient rest, String taskManagerId) throws InterruptedException {
        String[] jobManager = new String[1];
        String[] taskManager = new String[1];
        FlinkJobs.awaitTrue(() -> (jobManager[0] = rest.jobManagerMetrics(List.of(METASPACE)).get(METASPACE)) != null
                        && (taskManager[0] = rest.taskManagerMetrics(taskManagerId, List.of(METASPACE))
                                .get(METASPACE)) != null,
                METASPACE + " of the JobManager and the TaskManager", Duration.ofSeconds(30));
        return "JobManager " + Long.parseLong(jobManager[0]) / (1024 * 1024) + " MiB, TaskManager "
                + Long.parseLong(taskManager[0]) / (1024 * 1024) + " MiB";
    }

    private static List<Path> jarFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
    }
}

package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Every submission of the real job jar deletes its upload once the run call answered: after a few submissions
 * {@code GET /jars} lists nothing, the upload folder holds no jar, and each job still deploys its tasks and runs (the
 * JobManager serves them the jar from its blob store). Logs the JobManager's metaspace before and after.
 */
@ExtendWith(LocalStackExtension.class)
class UploadedJarsSystemTest {
    private static final Logger LOG = LoggerFactory.getLogger(UploadedJarsSystemTest.class);
    private static final int SUBMISSIONS = 3;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final String METASPACE = "Status.JVM.Memory.Metaspace.Used";

    @Test
    void submittedJarsAreDeletedAndTheirJobsKeepRunning(LocalStack stack, @TempDir Path dir) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        Path jar = JobJar.locate(LocalStackExtension.repoHome());
        Path uploadDir = FlinkCluster.webUploadDir(stack.config());
        String runId = UUID.randomUUID().toString().substring(0, 8);
        String topic = "uploaded-jars-" + runId;
        KafkaTopics.ensure(endpoints.kafkaBootstrapServers(), topic, 2);
        Path config = StackJobConfigFile.write(dir.resolve("clickstream.properties"), endpoints, Map.of(
                "clickstream.kafka.topic", topic, "clickstream.kafka.group-id", "uploaded-jars-" + runId,
                "marts.schema", "marts_jars_" + runId));
        List<String> metaspace = new ArrayList<>();
        metaspace.add(jobManagerMetaspace(rest));

        for (int i = 1; i <= SUBMISSIONS; i++) {
            FlinkJobs.awaitFreeSlots(rest, 2, STEP_TIMEOUT);
            // Returns once every task runs: the tasks were deployed after the jar had been deleted.
            String jobId = new JobSubmission(rest, jar).submit("clickstream", config, null, STEP_TIMEOUT);
            try {
                assertThat(rest.jarIds()).as("jars listed after submission " + i).isEmpty();
                assertThat(jarFiles(uploadDir)).as("jar files in " + uploadDir + " after submission " + i).isEmpty();
                assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
            } finally {
                FlinkJobs.cancelIfRunning(rest, jobId, STEP_TIMEOUT);
            }
            metaspace.add(jobManagerMetaspace(rest));
        }

        // The metric fetcher refreshes every 10 s, so neighbouring figures may repeat; they are reported, not judged
        // (each submission's main() loads its classes in a class loader of its own; see deploy/README.md).
        LOG.info("JobManager metaspace used (bytes) before and after each of {} submissions: {}", SUBMISSIONS,
                metaspace);
        // Flink keeps uploads in <web.upload.dir>/flink-web-upload: the folder checked above is the one it uses.
        assertThat(uploadDir.resolve("flink-web-upload")).as("the cluster's upload folder").isDirectory();
    }

    /** The JobManager's used metaspace in bytes; the first request only starts the metric fetcher, so poll. */
    private static String jobManagerMetaspace(FlinkRestClient rest) throws InterruptedException {
        String[] value = new String[1];
        FlinkJobs.awaitTrue(() -> (value[0] = rest.jobManagerMetrics(List.of(METASPACE)).get(METASPACE)) != null,
                METASPACE + " of the JobManager", Duration.ofSeconds(30));
        return value[0];
    }

    private static List<Path> jarFiles(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
    }
}

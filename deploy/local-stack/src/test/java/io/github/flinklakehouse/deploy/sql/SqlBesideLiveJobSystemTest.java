package io.github.flinklakehouse.deploy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient.JobSummary;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.testing.FlinkJobs;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: a SQL client query runs while the live clickstream job (parallelism 2) runs; and when every slot is taken
 * (a second clickstream job beside it), the query's job is cancelled after the slot wait with a message naming the
 * jobs that hold the slots, instead of waiting for ever.
 */
@ExtendWith(LocalStackExtension.class)
class SqlBesideLiveJobSystemTest {
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SLOT_WAIT = Duration.ofSeconds(10);
    private static final String QUERY = "SELECT COUNT(*) AS n, SUM(x) AS total FROM (VALUES (1), (2), (3), (4)) AS t(x);\n";

    @Test
    void aQueryRunsBesideTheLiveJobAndFailsClearlyWhenNoSlotFreesUp(LocalStack stack, @TempDir Path dir)
            throws Exception {
        FlinkRestClient rest = new FlinkRestClient(stack.endpoints().flinkRestUrl());
        Path sql = Files.writeString(dir.resolve("count.sql"), QUERY);
        SqlClientLauncher launcher = new SqlClientLauncher(LocalStackExtension.repoHome(),
                stack.config().dataDir().resolve("sql-client"), stack.config().logsDir().resolve("sql-beside.log"),
                stack.endpoints(), SLOT_WAIT);
        List<String> jobs = new ArrayList<>();
        try {
            FlinkJobs.awaitFreeSlots(rest, 4, STEP_TIMEOUT);
            jobs.add(startClickstream(stack, rest, dir, "live"));

            SqlClientLauncher.Result beside = launcher.runFile(sql, Map.of(), STEP_TIMEOUT, line -> { });
            assertThat(beside.failed()).as(beside.output()).isFalse();
            assertThat(TableauOutput.tables(beside.output())).containsExactly(List.of("n|total", "4|10"));

            jobs.add(startClickstream(stack, rest, dir, "second"));
            assertThat(rest.overview().slotsAvailable()).as("two clickstream jobs take every slot").isZero();
            long started = System.nanoTime();
            SqlClientLauncher.Result starved = launcher.runFile(sql, Map.of(), STEP_TIMEOUT, line -> { });
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(starved.failed()).as(starved.output()).isTrue();
            assertThat(starved.output()).contains("got no task slot within 10 s and was cancelled: all 4 task slots "
                    + "of the cluster are taken by").contains(jobs.get(0)).contains(jobs.get(1));
            assertThat(took).as("bounded wait").isLessThan(SLOT_WAIT.plus(Duration.ofSeconds(60)));
            assertThat(rest.jobs()).as("the query's job").filteredOn(job -> job.name().startsWith("lakehouse-sql-"))
                    .extracting(JobSummary::state).contains("CANCELED");
        } finally {
            for (String job : jobs) {
                FlinkJobs.cancelIfRunning(rest, job, STEP_TIMEOUT);
            }
        }
    }

    private static String startClickstream(LocalStack stack, FlinkRestClient rest, Path dir, String name)
            throws Exception {
        String runId = name + UUID.randomUUID().toString().substring(0, 8);
        String topic = "sql-beside-" + runId;
        KafkaTopics.ensure(stack.endpoints().kafkaBootstrapServers(), topic, 2);
        Path config = StackJobConfigFile.write(dir.resolve(runId + ".properties"), stack.endpoints(), Map.of(
                "clickstream.kafka.topic", topic, "clickstream.kafka.group-id", "sql-beside-" + runId,
                "marts.schema", "marts_sql_" + runId));
        return new JobSubmission(rest, JobJar.locate(LocalStackExtension.repoHome()))
                .submit("clickstream", config, null, STEP_TIMEOUT);
    }
}

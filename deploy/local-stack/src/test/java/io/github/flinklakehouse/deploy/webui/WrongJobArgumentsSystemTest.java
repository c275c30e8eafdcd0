package io.github.flinklakehouse.deploy.webui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shaded job jar submitted as the web UI's "Submit New Job" does ({@code /jars/upload}, {@code /jars/:id/run})
 * with wrong or missing arguments: the run call fails at once, no job is left behind, and the message lists the
 * valid jobs and options, and the uploaded jar is deleted all the same. (The happy path is the clickstream end-to-end
 * test.)
 */
@ExtendWith(LocalStackExtension.class)
class WrongJobArgumentsSystemTest {

    @Test
    void wrongOrMissingArgumentsFailTheRunCallWithTheValidJobsAndOptions(StackEndpoints stack) {
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());
        Path jar = JobJar.locate(LocalStackExtension.repoHome());
        int jobsBefore = rest.jobs().size();

        assertThatThrownBy(() -> rest.submitJar(jar, JobJar.ENTRY_CLASS, List.of()))
                .hasMessageContaining("answered 400")
                .hasMessageContaining("Missing --job. Valid jobs: clickstream, clickstream-replay, clickstream-backfill, "
                        + "road-traffic, road-traffic-backfill. Valid options: --config, --help, --")
                .hasMessageContaining("--clickstream.kafka.topic");
        assertThatThrownBy(() -> rest.submitJar(jar, JobJar.ENTRY_CLASS, List.of("--job", "clikstream")))
                .hasMessageContaining("Unknown job 'clikstream'. Valid jobs: clickstream, clickstream-replay, "
                        + "clickstream-backfill, road-traffic, road-traffic-backfill. Valid options: --config");
        assertThatThrownBy(() -> rest.submitJar(jar, JobJar.ENTRY_CLASS,
                List.of("--job", "clickstream", "--kafka.topik", "t")))
                .hasMessageContaining("Unknown option --kafka.topik. Valid options: ")
                .hasMessageContaining("clickstream.kafka.topic");

        assertThat(rest.jobs()).as("no job was created by a failed run").hasSize(jobsBefore);
        assertThat(rest.jarIds()).as("a failed run deletes its upload as well").isEmpty();
    }
}

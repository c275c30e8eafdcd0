package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live pipeline's restart strategy and checkpoint retention are the same on the local stack and in
 * docker-compose.yml.
 */
class RestartStrategyTest {

    @Test
    void theComposeFileSetsTheLocalStacksRestartStrategy() throws Exception {
        Path compose = Path.of("../..").resolve("docker-compose.yml").toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(compose).stream().map(String::trim).toList();
        assertThat(FlinkConfigFiles.RESTART_STRATEGY).containsEntry("restart-strategy.type", "exponential-delay");
        FlinkConfigFiles.RESTART_STRATEGY.forEach((key, value) ->
                assertThat(lines).as(compose + " sets " + key).contains(key + ": " + value));
        assertThat(lines.stream().filter(line -> line.startsWith("restart-strategy.")))
                .as("nothing else about restarts in " + compose)
                .hasSize(FlinkConfigFiles.RESTART_STRATEGY.size());
    }

    @Test
    void theComposeFileRetainsCheckpointsAsTheLocalStackDoes() throws Exception {
        Path compose = Path.of("../..").resolve("docker-compose.yml").toAbsolutePath().normalize();
        List<String> lines = Files.readAllLines(compose).stream().map(String::trim).toList();
        assertThat(FlinkConfigFiles.CHECKPOINT_RETENTION)
                .containsEntry("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        FlinkConfigFiles.CHECKPOINT_RETENTION.forEach((key, value) ->
                assertThat(lines).as(compose + " sets " + key).contains(key + ": " + value));
    }
}

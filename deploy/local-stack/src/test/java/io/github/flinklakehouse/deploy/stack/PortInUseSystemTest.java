package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A taken port fails the start with a message naming service, port and log, and leaves nothing running. */
class PortInUseSystemTest {

    @Test
    void takenFlinkPortStopsEveryServiceAlreadyStarted() throws Exception {
        Path dataDir = Files.createTempDirectory("lakehouse-port-");
        Set<Long> before = descendants();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            StackConfig config = StackConfig.ephemeralBuilder(LocalStackExtension.repoHome(), dataDir)
                    .set("flink-port", Integer.toString(taken.getLocalPort()))
                    .set("start-timeout", "120")
                    .set("stop-timeout", "20")
                    .build();

            assertThatThrownBy(() -> LocalStack.start(config))
                    .isInstanceOf(StackStartException.class)
                    .hasMessageContaining("flink-jobmanager")
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining(config.logFile(StackService.FLINK_JOBMANAGER).toString());

            assertThat(descendants()).isSubsetOf(before);
            assertThat(new PidFiles(config.runDir()).liveServices()).isEmpty();
            for (int port : List.of(config.kafkaPort(), config.kafkaControllerPort(), config.s3Port(),
                    config.postgresPort(), config.flinkRpcPort())) {
                assertThat(isFree(port)).as("port %d is free again", port).isTrue();
            }
        } finally {
            Directories.deleteRecursively(dataDir);
        }
    }

    private static Set<Long> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }

    private static boolean isFree(int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

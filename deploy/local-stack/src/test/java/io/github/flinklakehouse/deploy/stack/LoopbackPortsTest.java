package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Ports for services bound later lie below the kernel's ephemeral range, so no outgoing connection can take one
 * between the probe and the bind; they are distinct and bindable.
 */
class LoopbackPortsTest {

    @Test
    void portsAreDistinctBindableAndBelowTheEphemeralRange() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int[] ports = LoopbackPorts.free(6, loopback);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(6);
        assertThat(Arrays.stream(ports).boxed().toList()).allSatisfy(port -> assertThat(port).isBetween(15_000, LoopbackPorts.ephemeralStart() - 1));
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void theStacksEphemeralConfigurationUsesThem() {
        StackConfig config = StackConfig.ephemeral(java.nio.file.Path.of("."), java.nio.file.Path.of("target/ports"));

        assertThat(java.util.List.of(config.kafkaPort(), config.postgresPort(), config.flinkRestPort()))
                .allSatisfy(port -> assertThat(port).isLessThan(LoopbackPorts.ephemeralStart()));
    }
}

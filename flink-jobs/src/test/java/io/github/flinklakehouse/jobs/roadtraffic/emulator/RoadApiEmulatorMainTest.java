package io.github.flinklakehouse.jobs.roadtraffic.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The emulator's command line: loopback by default, the given address when docker-compose.yml names one. */
class RoadApiEmulatorMainTest {

    @Test
    void listensOnLoopbackUnlessAnAddressIsGiven() throws Exception {
        try (RoadApiEmulator emulator = RoadApiEmulator.startFromArguments("0", "42")) {
            assertThat(emulator.address().getAddress().isLoopbackAddress()).isTrue();
        }
        try (RoadApiEmulator emulator = RoadApiEmulator.startFromArguments("0", "42", "0.0.0.0")) {
            assertThat(emulator.address().getAddress().isAnyLocalAddress()).isTrue();
            // Reachable through any local address; a wrong key gets the KEC API's own error answer.
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + emulator.address().getPort() + RoadApiEmulator.TRAFFIC_IC_PATH
                            + "?key=wrong-key&type=json&tmType=2&numOfRows=1&pageNo=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("\"code\":\"ERROR\"");
        }
    }
}

package io.github.flinklakehouse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.dashboards.web.DashboardServer;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code lakehouse run}'s road-traffic switch and where the road-traffic job's API keys come from; its dashboards page:
 * the port option, the page's address next to the Flink web UI's, and a run that goes on without the page when its port
 * is taken.
 */
class RunCommandOptionsTest {

    @Test
    void roadTrafficIsOnUnlessLeftOut() {
        assertThat(parse().roadTraffic).isTrue();
        assertThat(parse("--road-traffic").roadTraffic).isTrue();
        assertThat(parse("--no-road-traffic").roadTraffic).isFalse();
    }

    @Test
    void withoutKeysTheJobPollsTheEmulatorWithAKeyOnlyTheTaskManagerEnvironmentHolds() {
        RoadTrafficApis apis = RoadTrafficApis.fromEnvironment(Map.of("KEC_API_KEY", " "));
        assertThat(apis.emulated()).isTrue();
        String key = apis.taskManagerEnvironment().get(RoadTrafficApis.EMULATOR_KEY_VARIABLE);
        assertThat(key).hasSizeGreaterThanOrEqualTo(32);
        assertThat(RoadTrafficApis.fromEnvironment(Map.of()).taskManagerEnvironment())
                .as("a new key for every run").doesNotContainValue(key);
        apis.start();
        try {
            assertThat(apis.jobSettings()).containsEntry("road-traffic.kec.key-env", "LAKEHOUSE_ROAD_API_EMULATOR_KEY")
                    .containsEntry("road-traffic.kma.key-env", "LAKEHOUSE_ROAD_API_EMULATOR_KEY")
                    .containsKey("road-traffic.kec.base-url")
                    .doesNotContainValue(key);
            assertThat(apis.description()).doesNotContain(key).contains("http://127.0.0.1:");
        } finally {
            apis.close();
        }
    }

    @Test
    void withRealKeysTheTaskManagerInheritsThemAndNothingIsEmulated() {
        RoadTrafficApis both = RoadTrafficApis.fromEnvironment(Map.of("KEC_API_KEY", "k1", "KMA_SERVICE_KEY", "k2"));
        assertThat(both.emulated()).isFalse();
        assertThat(both.taskManagerEnvironment()).isEmpty();
        assertThat(both.jobSettings()).isEmpty();
        assertThat(both.description()).doesNotContain("k1", "k2");
        assertThat(RoadTrafficApis.fromEnvironment(Map.of("KEC_API_KEY", "k1")).jobSettings())
                .as("no KMA key: weather off rather than emulated weather beside real traffic")
                .containsExactly(Map.entry("road-traffic.weather.enabled", "false"));
    }

    @Test
    void theDashboardsPageIsPrintedNextToTheFlinkWebUiAndATakenPortOnlyCostsThePage() throws Exception {
        assertThat(parse().dashboardsPort).isEqualTo(8082);
        assertThat(parse("--dashboards-port", "-1").dashboardsPort).isEqualTo(-1);
        StackEndpoints endpoints = StackConfig.builder(Path.of("..", "..")).build().endpoints();
        Path definitions = Path.of("..", "dashboards");
        StringWriter printed = new StringWriter();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(DashboardsPage.start(new PrintWriter(printed, true), definitions, endpoints,
                    taken.getLocalPort())).isEmpty();
        }
        assertThat(printed.toString()).startsWith("WARNING: no dashboards page on 127.0.0.1:")
                .contains("--dashboards-port");

        Optional<DashboardServer> page = DashboardsPage.start(new PrintWriter(printed, true), definitions, endpoints, 0);
        assertThat(page).isPresent();
        try (DashboardServer server = page.get()) {
            List<String> block = UpCommand.endpointsBlock(endpoints, Optional.of(server.url())).lines().toList();
            assertThat(block.get(block.indexOf("  Flink web UI / REST  " + endpoints.flinkRestUrl()) + 1))
                    .startsWith("  Dashboards           http://127.0.0.1:" + server.url().getPort() + "/");
        }
        assertThat(UpCommand.endpointsBlock(endpoints)).doesNotContain("Dashboards");
    }

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}

package io.github.flinklakehouse.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code lakehouse run}'s road-traffic switch and where the road-traffic job's API keys come from. */
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

    private static RunCommand parse(String... args) {
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}

package io.github.flinklakehouse.deploy.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkExposureTest {
    private static final Path REPO = Path.of("/work/repo");

    @Test
    void loopbackAddressesWarnOfNothing() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.2", "::1", "localhost"}) {
            StackConfig config = StackConfig.load(REPO, Map.of(), Map.of("bind-host", host));
            assertThat(NetworkExposure.warning(config)).as(host).isEmpty();
        }
    }

    @Test
    void anyOtherAddressNamesEveryServiceItsPortAndWhatGuardsIt() {
        StackConfig config = StackConfig.load(REPO, Map.of(), Map.of("bind-host", "0.0.0.0"));

        assertThat(NetworkExposure.warning(config)).hasValue(String.join(System.lineSeparator(),
                "bind-host 0.0.0.0 is not a loopback address: every service of this stack is reachable by anyone who"
                        + " can reach this machine.",
                "  Kafka broker 0.0.0.0:9092 and its controller port 9093: no authentication, anyone can read and"
                        + " write every topic.",
                "  S3 store http://0.0.0.0:9000: the lake, checkpoints and savepoints, for access key 'lakehouse' with"
                        + " the project's published default secret (set LAKEHOUSE_STACK_S3_SECRET_KEY).",
                "  PostgreSQL 0.0.0.0:5432: the marts and the Iceberg catalog; the port is open, but the stack's"
                        + " pg_hba.conf (rewritten on every start) admits loopback clients only, each with a SCRAM"
                        + " password, so others are refused.",
                "  Flink web UI and REST API http://0.0.0.0:8081: no authentication, and it accepts jar uploads:"
                        + " anyone who reaches it can run any code on this machine.",
                "  Flink RPC 0.0.0.0:6123, with the blob server and the TaskManager's ports (random): no"
                        + " authentication.",
                "Use bind-host 127.0.0.1 (the default) unless this network is trusted, or firewall these ports."));
    }

    @Test
    void onlyTheServicesThatRunAreListedAndChangedSecretsAreNeverPrinted() {
        StackConfig config = StackConfig.load(REPO, Map.of("LAKEHOUSE_STACK_S3_SECRET_KEY", "s3-very-private",
                        "LAKEHOUSE_STACK_DB_PASSWORD", "db-very-private"),
                Map.of("bind-host", "192.168.1.20", "s3-port", "19000", "s3-access-key", "me"))
                .withServices(EnumSet.of(StackService.S3, StackService.POSTGRES));

        String warning = NetworkExposure.warning(config).orElseThrow();

        assertThat(warning)
                .contains("  S3 store http://192.168.1.20:19000: the lake, checkpoints and savepoints, for access key"
                        + " 'me' with the secret from LAKEHOUSE_STACK_S3_SECRET_KEY.")
                .contains("  PostgreSQL 192.168.1.20:5432: the marts and the Iceberg catalog; the port is open")
                .doesNotContain("Kafka").doesNotContain("Flink")
                .doesNotContain("s3-very-private").doesNotContain("db-very-private");
        assertThat(warning.lines()).hasSize(4);
    }
}

package io.github.flinklakehouse.deploy.stack;

import io.github.flinklakehouse.dashboards.web.WebOriginPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a stack bound to an address other than loopback ({@code bind-host}) lets the network reach: the warning
 * logged once at start, one line per service with its address, what it guards and with what.
 */
final class NetworkExposure {

    private NetworkExposure() {
    }

    /** The warning for {@code config}; empty when {@code bind-host} is a loopback address (the default 127.0.0.1). */
    static Optional<String> warning(StackConfig config) {
        if (isLoopback(config.bindHost())) {
            return Optional.empty();
        }
        StackConfig defaults = StackConfig.builder(config.repoHome()).build();
        String host = config.bindHost();
        List<String> lines = new ArrayList<>();
        lines.add("bind-host " + host + " is not a loopback address: every service of this stack is reachable by "
                + "anyone who can reach this machine.");
        if (config.services().contains(StackService.KAFKA)) {
            lines.add("  Kafka broker " + host + ":" + config.kafkaPort() + " and its controller port "
                    + config.kafkaControllerPort() + ": no authentication, anyone can read and write every topic.");
        }
        if (config.services().contains(StackService.S3)) {
            lines.add("  S3 store " + config.endpoints().s3Endpoint() + ": the lake, checkpoints and savepoints, "
                    + "for access key '" + config.s3AccessKey() + "' with "
                    + secret(config.s3SecretKey(), defaults.s3SecretKey(), StackConfig.environmentVariable(
                            "s3-secret-key")) + ".");
        }
        if (config.services().contains(StackService.POSTGRES)) {
            // PostgresAccess rewrites pg_hba.conf on every start: loopback clients only, each with a SCRAM password.
            lines.add("  PostgreSQL " + host + ":" + config.postgresPort() + ": the marts and the Iceberg catalog; "
                    + "the port is open, but the stack's pg_hba.conf (rewritten on every start) admits loopback "
                    + "clients only, each with a SCRAM password, so others are refused.");
        }
        if (config.runsFlink()) {
            lines.add("  Flink web UI and REST API " + config.endpoints().flinkRestUrl() + ": no authentication, and "
                    + "it accepts jar uploads: anyone who reaches it can run any code on this machine.");
            lines.add("  Flink RPC " + host + ":" + config.flinkRpcPort() + ", with the blob server and the "
                    + "TaskManager's ports (random): no authentication.");
        }
        lines.add("Use bind-host 127.0.0.1 (the default) unless this network is trusted, or firewall these ports.");
        return Optional.of(String.join(System.lineSeparator(), lines));
    }

    /** True when {@code host} names a loopback address; a name that does not resolve is not. */
    static boolean isLoopback(String host) {
        return WebOriginPolicy.isLoopback(host);
    }

    private static String secret(String value, String defaultValue, String variable) {
        return value.equals(defaultValue)
                ? "the project's published default secret (set " + variable + ")"
                : "the secret from " + variable;
    }
}

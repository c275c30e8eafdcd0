package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before a command starts a client, that the stack services it needs answer on their ports (and, for Flink,
 * that its REST API answers with a TaskManager registered): without it a
 * client started against a stopped stack fails minutes later with its own message ("Failed to initialize from sql
 * script" for the SQL client), which names neither the stack nor what to do.
 */
final class StackReachability {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    private StackReachability() {
    }

    /**
     * Throws a message naming every service of {@code needed} that does not accept a connection, and the fix (the
     * CLI prefixes it with the command's name).
     */
    static void require(StackConfig config, StackService... needed) {
        List<String> silent = new ArrayList<>();
        for (StackService service : needed) {
            String host = config.bindHost();
            int port = config.port(service);
            if (!answers(host, port)) {
                silent.add(service.serviceName() + " (" + host + ":" + port + ")");
            } else if (service == StackService.FLINK_JOBMANAGER) {
                flinkProblem(config.endpoints().flinkRestUrl()).ifPresent(silent::add);
            }
        }
        if (!silent.isEmpty()) {
            throw new IllegalStateException("nothing answers for " + String.join(", ", silent) + ": the local "
                    + "stack is not (fully) running. Start it with `lakehouse up` (or `lakehouse run`) in another terminal, "
                    + "with the same --data-dir and port options, then run this again.");
        }
    }

    /**
     * What is wrong with Flink behind its port, if anything: the port is the stack's web gate, which answers even
     * when the JobManager behind it is down, and a query also needs a TaskManager.
     */
    private static Optional<String> flinkProblem(String restUrl) {
        try {
            if (new FlinkRestClient(restUrl).overview().taskManagers() == 0) {
                return Optional.of(StackService.FLINK_TASKMANAGER.serviceName() + " (none registered with the "
                        + "JobManager at " + restUrl + ")");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(StackService.FLINK_JOBMANAGER.serviceName() + " (" + restUrl + "/overview: "
                    + e.getMessage() + ")");
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

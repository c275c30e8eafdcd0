package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks, before a command starts a client, that the stack services it needs answer on their ports: without it a
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
            }
        }
        if (!silent.isEmpty()) {
            throw new IllegalStateException("nothing answers for " + String.join(", ", silent) + ": the local "
                    + "stack is not (fully) running. Start it with `lakehouse up` (or `lakehouse run`) in another terminal, "
                    + "with the same --data-dir and port options, then run this again.");
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

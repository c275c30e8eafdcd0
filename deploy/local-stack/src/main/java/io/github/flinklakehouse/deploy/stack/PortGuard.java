package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks that a port is free before a service is launched, so a conflict is reported by name, not by a log. */
final class PortGuard {

    private PortGuard() {
    }

    static void requireFree(StackConfig config, StackService service, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(config.bindHost()))) {
            probe.setReuseAddress(true);
        } catch (IOException e) {
            throw new StackStartException(service.serviceName() + " cannot start: port " + port + " on "
                    + config.bindHost() + " is already in use (" + e.getMessage() + "); free it or choose "
                    + "another port; log: " + config.logFile(service));
        }
    }
}

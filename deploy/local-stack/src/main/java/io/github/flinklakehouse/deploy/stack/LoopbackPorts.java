package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for services that bind them moments later (a child process, a server started after its config file is
 * written). They are picked <em>below</em> the kernel's ephemeral range: a port the kernel hands out (port 0) is
 * also one it gives the next outgoing connection of any process as its local port, and a connection holding it
 * makes the later bind fail with "Address already in use" (seen in CI: a throwaway stack's Flink web port taken by a
 * client of the stack beside it between the probe and the bind). Below the range only listeners compete, and each
 * candidate is probed by binding it.
 */
final class LoopbackPorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default lower bound of the ephemeral range, when the kernel does not say. */
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    /** Lowest port picked: above the well-known and most registered service ports developers run. */
    private static final int LOWEST = 15_000;
    private static final int ATTEMPTS = 200;

    private LoopbackPorts() {
    }

    /**
     * {@code count} distinct ports nothing listens on at {@code address} now; kernel-chosen ones when the range below
     * the ephemeral one is too small to pick from.
     */
    static int[] free(int count, InetAddress address) {
        int below = ephemeralStart();
        boolean pickBelow = below - LOWEST >= 1_000;
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            int found = 0;
            for (int attempt = 0; attempt < ATTEMPTS && found < count; attempt++) {
                ServerSocket socket = tryBind(pickBelow ? ThreadLocalRandom.current().nextInt(LOWEST, below) : 0,
                        address);
                if (socket != null) {
                    held.add(socket);
                    ports[found++] = socket.getLocalPort();
                }
            }
            if (found < count) {
                throw new UncheckedIOException(new IOException("No " + count + " free ports on " + address + " after "
                        + ATTEMPTS + " attempts" + (pickBelow ? " in " + LOWEST + "-" + (below - 1) : "")));
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Only probing.
                }
            }
        }
    }

    private static ServerSocket tryBind(int port, InetAddress address) {
        try {
            return new ServerSocket(port, 1, address);
        } catch (IOException e) {
            return null;
        }
    }

    /** The first port of the kernel's ephemeral range. */
    static int ephemeralStart() {
        try {
            // Not Files.readString: on Java 17 it returns a truncated string for a /proc file (size 0).
            String[] range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}

package io.github.flinklakehouse.deploy.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load averages over 1, 5 and 15 minutes, from Linux's {@code /proc/loadavg}. */
final class LoadAverage {

    private LoadAverage() {
    }

    /** E.g. {@code "0.52 0.61 0.40"}, or {@code "unknown"} off Linux. */
    static String read() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}

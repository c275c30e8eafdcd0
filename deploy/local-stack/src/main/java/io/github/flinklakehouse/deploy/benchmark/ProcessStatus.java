package io.github.flinklakehouse.deploy.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Reads a process's memory figures from Linux's {@code /proc/<pid>/status}. */
final class ProcessStatus {

    private ProcessStatus() {
    }

    /** The process's peak resident set size ({@code VmHWM}) in bytes; empty where {@code /proc} has none. */
    static OptionalLong peakRssBytes(long pid) {
        return field(pid, "VmHWM:");
    }

    /** The process's resident set size now ({@code VmRSS}) in bytes; empty where {@code /proc} has none. */
    static OptionalLong rssBytes(long pid) {
        return field(pid, "VmRSS:");
    }

    /** The process's open file descriptors ({@code /proc/<pid>/fd}); empty where {@code /proc} has none. */
    static OptionalLong openFiles(long pid) {
        try (java.util.stream.Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return OptionalLong.of(descriptors.count());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong field(long pid, String name) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(name)) {
                    // "VmHWM:	 1234567 kB"
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: the figure is unknown rather than wrong.
        }
        return OptionalLong.empty();
    }
}

package io.github.flinklakehouse.deploy.benchmark;

import io.github.flinklakehouse.deploy.stack.Directories;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A benchmark's own local stack on free ports under {@code <work dir>/stack}: started fresh, stopped afterwards and,
 * unless kept, removed, so a running stack and its lake are never touched.
 */
final class ThrowawayStack {
    private static final int LOG_LINES_ON_FAILURE = 15;

    /** What a benchmark does on its stack. */
    interface Work<T> {
        T run(LocalStack stack, StackConfig config) throws Exception;
    }

    private ThrowawayStack() {
    }

    /**
     * Starts the stack (not timed), runs {@code work} on it, stops it and removes its data unless {@code keep}.
     *
     * @param taskManagerMemory the TaskManager's process size, null for the stack default
     */
    static <T> T run(Path repoHome, Path workDir, String taskManagerMemory, boolean keep, PrintWriter out, Work<T> work)
            throws Exception {
        Path stackDir = workDir.resolve("stack");
        StackConfig.Builder builder = StackConfig.ephemeralBuilder(repoHome, stackDir).fresh(true);
        if (taskManagerMemory != null) {
            builder.set("flink-taskmanager-memory", taskManagerMemory);
        }
        StackConfig config = builder.build();
        try {
            print(out, "Starting a throwaway stack (Kafka, S3 store, PostgreSQL, Flink) in %s (not timed) ...", stackDir);
            try (LocalStack stack = LocalStack.start(config)) {
                print(out, "Stack ready; Flink web UI %s", stack.endpoints().flinkRestUrl());
                return work.run(stack, config);
            }
        } catch (Exception | Error e) {
            // The stack's logs go with its directory; keep what explains the failure where the user sees it.
            printServiceWarnings(out, config);
            throw e;
        } finally {
            if (keep) {
                print(out, "Kept the stopped stack's data (%s)", stackDir);
            } else {
                Directories.deleteRecursively(stackDir);
                Directories.deleteIfEmpty(workDir);
            }
        }
    }

    private static void printServiceWarnings(PrintWriter out, StackConfig config) {
        for (StackService service : StackService.values()) {
            Path log = config.logFile(service);
            if (!Files.isRegularFile(log)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                List<String> warnings = lines.filter(line -> line.contains("WARN") || line.contains("ERROR"))
                        .collect(Collectors.toList());
                List<String> last = warnings.subList(Math.max(0, warnings.size() - LOG_LINES_ON_FAILURE),
                        warnings.size());
                print(out, "Last %d warnings of %s (of %d):", last.size(), log, warnings.size());
                last.forEach(line -> print(out, "  %s", line));
            } catch (IOException | UncheckedIOException e) {
                print(out, "Cannot read %s: %s", log, e.getMessage());
            }
        }
    }

    static void print(PrintWriter out, String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}

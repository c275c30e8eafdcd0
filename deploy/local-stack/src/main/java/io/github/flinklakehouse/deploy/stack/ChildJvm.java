package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Launches a service's main class in its own JVM, with its own classpath folder and output to its log file. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** The java launcher of the running JVM, so children use the same Java 17. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs children in a session of their own: Ctrl-C signals the terminal's whole process group, and the
     * stack must stop its services itself, in order (the Flink cluster has to outlive a job's final
     * savepoint). {@code setsid} execs the command without forking, so the child keeps the pid we track.
     */
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path)))
            .findFirst();

    /** The {@code java} command line for {@code mainClass} with every jar of {@code libDir} on the classpath. */
    static List<String> command(Path libDir, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(command::add);
        command.add(javaExecutable());
        command.addAll(JvmOptions.JAVA_17_OPENS);
        command.addAll(JvmOptions.AWS_CHECKSUMS);
        command.addAll(JvmOptions.S3A_UPLOADS);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(libDir.resolve("*").toString());
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** Starts {@code command}, appending its stdout and stderr to {@code output}. */
    static Process start(List<String> command, Map<String, String> environment, Path workDir, Path output)
            throws IOException {
        Files.createDirectories(output.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Fails with a clear message when a runtime classpath has not been assembled by Maven yet. */
    static Path requireLibDir(StackConfig config, String runtime) {
        Path lib = config.runtimeDir(runtime).resolve("lib");
        try (var jars = Files.list(lib)) {
            if (jars.anyMatch(jar -> jar.toString().endsWith(".jar"))) {
                return lib;
            }
        } catch (IOException e) {
            // Reported below.
        }
        throw new StackStartException("The " + runtime + " runtime is not built: " + lib + " has no jars. Run "
                + "`mvn -q -DskipTests install` in " + config.repoHome() + " (the `lakehouse` script does it).");
    }
}

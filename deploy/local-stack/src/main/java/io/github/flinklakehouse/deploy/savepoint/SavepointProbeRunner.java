package io.github.flinklakehouse.deploy.savepoint;

import io.github.flinklakehouse.deploy.stack.JvmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code deploy/local-stack/src/main/probe/SavepointProbe.java} in a child JVM on the Flink cluster's
 * classpath ({@code deploy/runtimes/flink/target/lib}) and returns its {@link ProbeReport}.
 */
public final class SavepointProbeRunner {
    static final String PROBE_SOURCE = "deploy/local-stack/src/main/probe/SavepointProbe.java";

    private final Path repoHome;
    private final Duration timeout;

    public SavepointProbeRunner(Path repoHome, Duration timeout) {
        this.repoHome = repoHome;
        this.timeout = timeout;
    }

    /**
     * Lists the operators of the savepoint whose {@code _metadata} is {@code metadataFile} and of the job that
     * {@code jar} submits with {@code programArgs}.
     */
    public ProbeReport probe(Path metadataFile, Path jar, String entryClass, int parallelism, List<String> programArgs)
            throws IOException, InterruptedException {
        Path flinkLib = repoHome.resolve("deploy/runtimes/flink/target/lib");
        if (!Files.isDirectory(flinkLib)) {
            throw new IllegalStateException("The Flink runtime classpath " + flinkLib + " is not built; run "
                    + "`mvn -q -DskipTests install` in " + repoHome);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.JAVA_17_OPENS);
        command.addAll(JvmOptions.AWS_CHECKSUMS);
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(flinkLib.resolve("*").toString());
        command.add(repoHome.resolve(PROBE_SOURCE).toString());
        command.addAll(List.of(metadataFile.toString(), jar.toAbsolutePath().toString(), entryClass == null ? "-" : entryClass,
                Integer.toString(parallelism)));
        command.addAll(programArgs);

        Path output = Files.createTempFile("savepoint-probe-", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("The savepoint probe did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("The savepoint probe failed (exit " + process.exitValue()
                        + ": unreadable savepoint metadata, or the new job's main could not build its graph with "
                        + "these arguments):\n" + text);
            }
            return ProbeReport.parse(text);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}

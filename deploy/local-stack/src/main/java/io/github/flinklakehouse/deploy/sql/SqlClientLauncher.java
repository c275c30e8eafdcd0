package io.github.flinklakehouse.deploy.sql;

import io.github.flinklakehouse.deploy.stack.JvmOptions;
import io.github.flinklakehouse.deploy.stack.Directories;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the Flink SQL client 2.0 (embedded mode) in its own JVM against the stack's Flink cluster, with the
 * lakehouse init script filled in from the stack's endpoints.
 *
 * <p>A child JVM because the client's classpath (planner, Iceberg runtime, Hadoop client, JDBC connector)
 * would clash with the launcher's own, exactly as a stock {@code sql-client.sh} gets a JVM of its own.
 * Queries run as jobs on the cluster ({@code execution.target: remote}). The connector jars of
 * {@code sql-client/target/jars} are on the client's classpath only: the cluster has the same jars in its lib/
 * (deploy/runtimes/flink), so it loads Iceberg, the AWS SDK and Hadoop once, not in a fresh class loader per query
 * job (which cost each query 8-20 s on the 2-core machine; about 2 s once the cluster is warm).
 */
public final class SqlClientLauncher {
    /** The client's main class (flink-sql-client). */
    public static final String MAIN_CLASS = "org.apache.flink.table.client.SqlClient";
    /** The init script, relative to the repository. */
    public static final String INIT_SCRIPT = "sql-client/src/main/sql/init.sql";
    /** The example queries, relative to the repository. */
    public static final String EXAMPLES_DIR = "sql-client/src/main/sql/examples";

    /** The client prints these when a statement fails, yet exits with 0: they decide {@link Result#failed()}. */
    private static final List<String> FAILURE_MARKERS = List.of(
            "[ERROR] Could not execute SQL statement", "Failed to initialize from sql script");
    private static final String CLIENT_HEAP = "-Xmx768m";
    /** How long a query's job may wait for a task slot by default before it is cancelled with an explanation. */
    public static final Duration DEFAULT_SLOT_WAIT = Duration.ofMinutes(1);
    /**
     * Queries run at parallelism 1: on the stack's 4 slots, the live job (2), a query and a backfill then run side by
     * side; a batch job with fewer free slots than its parallelism waits for them, not fails.
     */
    static final int QUERY_PARALLELISM = 1;

    /** What a non-interactive run printed, and whether any statement failed. */
    public record Result(int exitCode, String output, boolean failed) {
    }

    private final Path repoHome;
    private final Path workDir;
    private final Path logFile;
    private final StackEndpoints endpoints;
    private final Duration slotWait;

    /** As {@link #SqlClientLauncher(Path, Path, Path, StackEndpoints, Duration)} with {@link #DEFAULT_SLOT_WAIT}. */
    public SqlClientLauncher(Path repoHome, Path workDir, Path logFile, StackEndpoints endpoints) {
        this(repoHome, workDir, logFile, endpoints, DEFAULT_SLOT_WAIT);
    }

    /**
     * @param repoHome the repository (init script, example queries and {@code sql-client/target} classpaths)
     * @param workDir where per-run files go (generated config, the filled init script; removed after each run)
     * @param logFile the client's log file
     * @param endpoints the stack to query
     * @param slotWait how long a query's job may have no running task while the cluster has no free slot before it
     *     is cancelled with a message naming the jobs that hold the slots ({@link SlotStarvationWatch})
     */
    public SqlClientLauncher(Path repoHome, Path workDir, Path logFile, StackEndpoints endpoints, Duration slotWait) {
        this.repoHome = repoHome;
        this.workDir = workDir;
        this.logFile = logFile;
        this.endpoints = endpoints;
        this.slotWait = slotWait;
    }

    /** Opens the interactive client on this terminal and returns its exit code. */
    public int interactive(Map<String, String> defines) throws IOException, InterruptedException {
        Path session = newSession();
        try (SlotStarvationWatch watch = watch(session, message -> System.err.println("\n[lakehouse] " + message))) {
            return client(session, defines, null).inheritIO().start().waitFor();
        } finally {
            Directories.deleteRecursively(session);
        }
    }

    /**
     * Runs {@code sqlFile} (its {@code ${NAME}} placeholders filled from {@code defines}) and returns what the
     * client printed; each output line also goes to {@code lines} as it arrives.
     *
     * @throws IllegalStateException when the client does not finish within {@code timeout} (it is killed)
     */
    public Result runFile(Path sqlFile, Map<String, String> defines, Duration timeout, Consumer<String> lines)
            throws IOException, InterruptedException {
        Path session = newSession();
        try (SlotStarvationWatch watch = watch(session, message -> lines.accept("[lakehouse] " + message))) {
            Path script = writePrivate(session.resolve("script.sql"),
                    SqlTemplate.render(Files.readString(sqlFile), withStackValues(defines)));
            long logStart = Files.exists(logFile) ? Files.size(logFile) : 0;
            Process process = client(session, defines, script).redirectErrorStream(true).start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> copyLines(process, output, lines), "sql-client-output");
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("The SQL client did not finish " + sqlFile + " within " + timeout
                        + "; its log is " + logFile);
            }
            reader.join(Duration.ofSeconds(10).toMillis());
            String text;
            synchronized (output) {
                text = output.toString();
            }
            boolean failed = process.exitValue() != 0 || FAILURE_MARKERS.stream().anyMatch(text::contains)
                    || watch.starvation().isPresent();
            if (watch.starvation().isPresent()) {
                text = text + "[lakehouse] " + watch.starvation().get() + "\n";
            }
            if (failed) {
                // An init script failure only says "refer to the LOG": bring the causes along.
                text = text + causesFromLog(logStart);
            }
            return new Result(process.exitValue(), text, failed);
        } finally {
            Directories.deleteRecursively(session);
        }
    }

    /** The ERROR and "Caused by" lines the client logged since {@code offset} (at most 40). */
    private String causesFromLog(long offset) throws IOException {
        if (!Files.exists(logFile)) {
            return "";
        }
        byte[] bytes = Files.readAllBytes(logFile);
        String logged = new String(bytes, (int) Math.min(offset, bytes.length),
                (int) Math.max(0, bytes.length - offset), StandardCharsets.UTF_8);
        String causes = logged.lines()
                .filter(line -> line.contains(" ERROR ") || line.startsWith("Caused by:"))
                .limit(40)
                .collect(Collectors.joining("\n"));
        return causes.isEmpty() ? "" : "\nFrom the client log " + logFile + ":\n" + causes + "\n";
    }

    /** Watches the jobs of {@code session}, named by {@link #jobName}. */
    private SlotStarvationWatch watch(Path session, Consumer<String> report) {
        return new SlotStarvationWatch(new FlinkRestClient(endpoints.flinkRestUrl()), jobName(session), slotWait,
                report).start();
    }

    /** Every job of a session carries this name ({@code pipeline.name}), so the session's jobs can be told apart. */
    private static String jobName(Path session) {
        return "lakehouse-sql-" + session.getFileName();
    }

    /** The client's process, configured through a FLINK_CONF_DIR of its own session. */
    private ProcessBuilder client(Path session, Map<String, String> defines, Path script) throws IOException {
        Path lib = requireJars("lib");
        Path jars = requireJars("jars");
        Path conf = Files.createDirectories(session.resolve("conf"));
        Files.writeString(conf.resolve("config.yaml"), clusterConfig(jobName(session)));
        Files.writeString(conf.resolve("log4j-cli.properties"), LOG4J_FILE);
        Path init = writePrivate(session.resolve("init.sql"),
                SqlTemplate.render(Files.readString(repoHome.resolve(INIT_SCRIPT)), withStackValues(defines)));
        Files.createDirectories(logFile.getParent());

        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmOptions.JAVA_17_OPENS);
        command.addAll(JvmOptions.AWS_CHECKSUMS);
        command.add(CLIENT_HEAP);
        command.add("-Dlog.file=" + logFile);
        command.add("-Dlog4j.configurationFile=" + conf.resolve("log4j-cli.properties").toUri());
        command.add("-cp");
        command.add(lib.resolve("*") + java.io.File.pathSeparator + jars.resolve("*"));
        command.add(MAIN_CLASS);
        command.addAll(List.of("--init", init.toString(), "--history", workDir.resolve("history").toString()));
        if (script != null) {
            command.addAll(List.of("--file", script.toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        return builder;
    }

    private String clusterConfig(String jobName) {
        URI rest = URI.create(endpoints.flinkRestUrl());
        return String.join("\n",
                "# Generated by `lakehouse sql` for one client session.",
                "execution.target: remote",
                "rest.address: " + rest.getHost(),
                "rest.port: " + rest.getPort(),
                "pipeline.name: " + jobName,
                "parallelism.default: " + QUERY_PARALLELISM,
                "");
    }

    private Map<String, String> withStackValues(Map<String, String> defines) {
        Map<String, String> values = new HashMap<>(SqlClientVariables.of(endpoints));
        values.putAll(defines);
        return values;
    }

    private Path requireJars(String folder) throws IOException {
        Path dir = repoHome.resolve("sql-client/target").resolve(folder);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                if (files.anyMatch(f -> f.toString().endsWith(".jar"))) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("The SQL client classpath " + dir + " is not built; run `mvn -q -pl sql-client "
                + "package` in " + repoHome + " (the `lakehouse` script builds it).");
    }

    private Path newSession() throws IOException {
        Files.createDirectories(workDir);
        return Files.createTempDirectory(workDir, "session-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static Path writePrivate(Path file, String text) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, text);
    }

    private static void copyLines(Process process, StringBuilder output, Consumer<String> lines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                lines.accept(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the SQL client's output", e);
        }
    }


    /** Client logs go to a file: on the console they would bury the results. */
    private static final String LOG4J_FILE = String.join("\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = FileAppender",
            "logger.hadoop.name = org.apache.hadoop",
            "logger.hadoop.level = WARN",
            "appender.file.name = FileAppender",
            "appender.file.type = File",
            "appender.file.append = true",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "");
}

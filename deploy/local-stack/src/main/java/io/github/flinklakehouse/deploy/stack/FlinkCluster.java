package io.github.flinklakehouse.deploy.stack;

import io.github.flinklakehouse.dashboards.web.WebOriginPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's Flink session cluster: a JobManager (web UI + REST) and one TaskManager, each in its own
 * JVM with the classpath of {@code deploy/runtimes/flink} (a stock distribution's lib/) and its plugins
 * folder, started the way Flink's own scripts start them. The web UI's port is {@link FlinkWebGate}, in front of
 * the JobManager's REST server on a loopback port of its own. A TaskManager that died can be replaced by a new one
 * ({@link #startTaskManager}).
 */
final class FlinkCluster {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /**
     * Task slots of each TaskManager, which the readiness check expects to see registered: the live job takes 2
     * (its parallelism), which leaves room for an ad-hoc SQL query (parallelism 1) and a backfill beside it; a
     * BATCH job with fewer free slots than its parallelism runs its stages one slot at a time instead of failing.
     */
    static final int TASK_SLOTS = 4;

    private FlinkCluster() {
    }

    /**
     * @param taskManagerEnvironment variables the TaskManager gets beyond this JVM's own environment (which every child
     *     inherits), e.g. API keys the jobs read there; their values are never logged
     */
    static void start(StackConfig config, PidFiles pidFiles, Readiness readiness,
            Map<String, String> taskManagerEnvironment, Consumer<RunningService> register)
            throws IOException, InterruptedException {
        PortGuard.requireFree(config, StackService.FLINK_JOBMANAGER, config.flinkRestPort());
        PortGuard.requireFree(config, StackService.FLINK_JOBMANAGER, config.flinkRpcPort());
        int internalRestPort = freeLoopbackPort();
        FlinkConfigFiles.write(config, confDir(config), internalRestPort);
        register.accept(FlinkWebGate.start(config.bindHost(), config.flinkRestPort(),
                URI.create("http://" + FlinkConfigFiles.INTERNAL_REST_HOST + ":" + internalRestPort),
                WebOriginPolicy.forBindHost(config.bindHost())));

        ChildProcessService jobManager = launch(config, pidFiles, StackService.FLINK_JOBMANAGER, JOBMANAGER_MAIN,
                "GET_JM_RESOURCE_PARAMS", readiness, Map.of());
        register.accept(jobManager);
        ChildProcessService taskManager = launch(config, pidFiles, StackService.FLINK_TASKMANAGER, TASKMANAGER_MAIN,
                "GET_TM_RESOURCE_PARAMS", readiness, taskManagerEnvironment);
        register.accept(taskManager);

        FlinkRestClient rest = new FlinkRestClient(config.endpoints().flinkRestUrl());
        readiness.await(StackService.FLINK_JOBMANAGER, config.flinkRestPort(),
                config.logFile(StackService.FLINK_JOBMANAGER), jobManager.handle(), () -> {
                    rest.overview();
                    return true;
                });
        awaitRegistered(config, readiness, rest, taskManager, Set.of());
        LOG.info("flink ready: web UI and REST at {} (1 TaskManager, {} slots)",
                config.endpoints().flinkRestUrl(), TASK_SLOTS);
    }

    /**
     * Starts one more TaskManager for the running JobManager (written config files are reused) and waits until it
     * has registered its slots: how the stack replaces a TaskManager that died, as a cluster's resource manager
     * (Kubernetes, YARN) would.
     */
    static ChildProcessService startTaskManager(StackConfig config, PidFiles pidFiles, Readiness readiness,
            Map<String, String> taskManagerEnvironment) throws IOException, InterruptedException {
        FlinkRestClient rest = new FlinkRestClient(config.endpoints().flinkRestUrl());
        Set<String> known = rest.taskManagers().stream().map(FlinkRestClient.TaskManagerSummary::id)
                .collect(Collectors.toSet());
        ChildProcessService taskManager = launch(config, pidFiles, StackService.FLINK_TASKMANAGER, TASKMANAGER_MAIN,
                "GET_TM_RESOURCE_PARAMS", readiness, taskManagerEnvironment);
        try {
            awaitRegistered(config, readiness, rest, taskManager, known);
        } catch (RuntimeException e) {
            taskManager.stop(config.stopTimeout());
            throw e;
        }
        LOG.info("flink: a new TaskManager (pid {}) registered {} slots", taskManager.handle().pid(), TASK_SLOTS);
        return taskManager;
    }

    /** Waits until a TaskManager other than those in {@code known} (resource ids) offers its slots. */
    private static void awaitRegistered(StackConfig config, Readiness readiness, FlinkRestClient rest,
            ChildProcessService taskManager, Set<String> known) {
        readiness.await(StackService.FLINK_TASKMANAGER, config.flinkRestPort(),
                config.logFile(StackService.FLINK_TASKMANAGER), taskManager.handle(), () -> rest.taskManagers().stream()
                        .anyMatch(tm -> !known.contains(tm.id()) && tm.slots() == TASK_SLOTS));
    }

    /** A port nothing listens on now, for the JobManager's internal REST server (bound moments later). */
    private static int freeLoopbackPort() throws IOException {
        return LoopbackPorts.free(1, InetAddress.getByName(FlinkConfigFiles.INTERNAL_REST_HOST))[0];
    }

    static Path confDir(StackConfig config) {
        return config.dataDir().resolve("flink").resolve("conf");
    }

    /** The folder uploaded jars are kept in ({@code web.upload.dir}). */
    static Path webUploadDir(StackConfig config) {
        return FlinkConfigFiles.webUploadDir(confDir(config).getParent());
    }

    private static ChildProcessService launch(StackConfig config, PidFiles pidFiles, StackService service,
            String mainClass, String memoryCommand, Readiness readiness, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        Path lib = ChildJvm.requireLibDir(config, "flink");
        Path confDir = confDir(config);
        // Flink's scripts pass these two to every process; the plugins folder holds flink-s3-fs-hadoop.
        Map<String, String> environment = Map.of(
                "FLINK_PLUGINS_DIR", config.runtimeDir("flink").resolve("plugins").toString(),
                "FLINK_CONF_DIR", confDir.toString());
        Path logFile = config.logFile(service);
        Path outFile = config.logsDir().resolve(service.serviceName() + ".out");
        List<List<String>> memory = memoryParameters(config, service, memoryCommand, lib, confDir, environment,
                outFile, readiness);
        List<String> jvm = new ArrayList<>(memory.get(0));
        jvm.add("-Dlog.file=" + logFile);
        jvm.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        if (memory.size() > 1) {
            args.addAll(memory.get(1));
        }
        Map<String, String> processEnvironment = new HashMap<>(environment);
        processEnvironment.putAll(extraEnvironment);
        LOG.info("Starting {}{}", service.serviceName(), extraEnvironment.isEmpty() ? ""
                : " with the environment variables " + new TreeSet<>(extraEnvironment.keySet()));
        Process process = ChildJvm.start(ChildJvm.command(lib, jvm, mainClass, args), processEnvironment,
                confDir.getParent(), outFile);
        return new ChildProcessService(service, process, pidFiles);
    }

    /**
     * JVM sizes (-Xmx, -XX:MaxDirectMemorySize, ...) and dynamic memory settings derived from the
     * configured process size by Flink's own BashJavaUtils, exactly as {@code bin/jobmanager.sh} and
     * {@code bin/taskmanager.sh} do.
     */
    private static List<List<String>> memoryParameters(StackConfig config, StackService service, String command,
            Path lib, Path confDir, Map<String, String> environment, Path outFile, Readiness readiness)
            throws IOException, InterruptedException {
        Path result = Files.createTempFile(confDir, "memory-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(lib,
                    List.of("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j-console.properties")),
                    BASH_JAVA_UTILS, List.of(command, "--configDir", confDir.toString())))
                    .redirectErrorStream(true)
                    .redirectOutput(result.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            int exitCode = readiness.awaitExit(service, config.port(service), outFile, process);
            List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
            List<List<String>> parameters = lines.stream()
                    .filter(line -> line.startsWith(RESULT_PREFIX))
                    .map(line -> Arrays.asList(line.substring(RESULT_PREFIX.length()).trim().split("\\s+")))
                    .toList();
            if (exitCode != 0 || parameters.isEmpty()) {
                Files.write(outFile, lines, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                throw new StackStartException(service.serviceName() + " (port " + config.port(service)
                        + ") memory configuration failed; see " + outFile);
            }
            return parameters;
        } finally {
            Files.deleteIfExists(result);
        }
    }
}

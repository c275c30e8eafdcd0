package io.github.flinklakehouse.deploy.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stack's Flink session cluster: a JobManager (web UI + REST) and one TaskManager, each in its own
 * JVM with the classpath of {@code deploy/runtimes/flink} (a stock distribution's lib/) and its plugins
 * folder, started the way Flink's own scripts start them.
 */
final class FlinkCluster {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /** Task slots of the single TaskManager, which the readiness check expects to see registered. */
    static final int TASK_SLOTS = 2;

    private FlinkCluster() {
    }

    static void start(StackConfig config, PidFiles pidFiles, Readiness readiness, Consumer<RunningService> register)
            throws IOException, InterruptedException {
        PortGuard.requireFree(config, StackService.FLINK_JOBMANAGER, config.flinkRestPort());
        PortGuard.requireFree(config, StackService.FLINK_JOBMANAGER, config.flinkRpcPort());
        Path lib = ChildJvm.requireLibDir(config, "flink");
        Path plugins = config.runtimeDir("flink").resolve("plugins");
        Path confDir = config.dataDir().resolve("flink").resolve("conf");
        FlinkConfigFiles.write(config, confDir);
        Map<String, String> environment = Map.of(
                "FLINK_PLUGINS_DIR", plugins.toString(),
                "FLINK_CONF_DIR", confDir.toString());

        ChildProcessService jobManager = launch(config, pidFiles, StackService.FLINK_JOBMANAGER, JOBMANAGER_MAIN,
                "GET_JM_RESOURCE_PARAMS", lib, confDir, environment, readiness);
        register.accept(jobManager);
        ChildProcessService taskManager = launch(config, pidFiles, StackService.FLINK_TASKMANAGER, TASKMANAGER_MAIN,
                "GET_TM_RESOURCE_PARAMS", lib, confDir, environment, readiness);
        register.accept(taskManager);

        FlinkRestClient rest = new FlinkRestClient(config.endpoints().flinkRestUrl());
        readiness.await(StackService.FLINK_JOBMANAGER, config.flinkRestPort(),
                config.logFile(StackService.FLINK_JOBMANAGER), jobManager.handle(), () -> {
                    rest.overview();
                    return true;
                });
        readiness.await(StackService.FLINK_TASKMANAGER, config.flinkRestPort(),
                config.logFile(StackService.FLINK_TASKMANAGER), taskManager.handle(), () -> {
                    FlinkRestClient.ClusterOverview overview = rest.overview();
                    return overview.taskManagers() == 1 && overview.slotsTotal() == TASK_SLOTS;
                });
        LOG.info("flink ready: web UI and REST at {} (1 TaskManager, {} slots)",
                config.endpoints().flinkRestUrl(), TASK_SLOTS);
    }

    private static ChildProcessService launch(StackConfig config, PidFiles pidFiles, StackService service,
            String mainClass, String memoryCommand, Path lib, Path confDir, Map<String, String> environment,
            Readiness readiness) throws IOException, InterruptedException {
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
        LOG.info("Starting {}", service.serviceName());
        Process process = ChildJvm.start(ChildJvm.command(lib, jvm, mainClass, args), environment,
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

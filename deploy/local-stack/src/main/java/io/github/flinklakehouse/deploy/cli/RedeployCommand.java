package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.savepoint.SavepointProbeRunner;
import io.github.flinklakehouse.deploy.savepoint.SavepointRedeploy;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse redeploy}: replaces a running job by a new jar (or new arguments) that takes over its state
 * through a savepoint; refuses, with the job left running, when state would be dropped.
 */
@Command(name = "redeploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Stop a running job with a savepoint and start the given jar from it.",
                "Checks first (the job keeps running) that every stateful operator of the job exists in the new one.",
                "Example: lakehouse redeploy --job-id <id> --jar flink-jobs/target/lakehouse-jobs.jar -- --job clickstream --config .lakehouse/jobs/clickstream.properties"})
final class RedeployCommand implements Callable<Integer> {

    @Option(names = "--job-id", required = true, description = "The running job to replace (see the web UI or `lakehouse status`).")
    String jobId;

    @Option(names = "--jar", description = "The new job jar (default: the build's flink-jobs/target/lakehouse-jobs.jar).")
    Path jar;

    @Option(names = "--entry-class", description = "Entry class (default ${DEFAULT-VALUE}).", defaultValue = JobJar.ENTRY_CLASS)
    String entryClass;

    @Option(names = "--allow-non-restored-state",
            description = "Drop the state of operators the new job no longer has (never a sink committer's state).")
    boolean allowNonRestoredState;

    @Option(names = "--savepoint-dir", description = "Savepoint directory (default: the cluster's, s3://<bucket>/savepoints).")
    String savepointDir;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "Longest wait for each savepoint and for the new job to run (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Parameters(paramLabel = "ARG", description = "The new job's arguments after `--`, e.g. -- --job clickstream --config <file>; "
            + "Flink does not keep the old ones, so pass them again to keep them.")
    List<String> programArgs = new ArrayList<>();

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path newJar = jar != null ? jar : JobJar.locate(StackOptions.repoHome());
        if (!Files.isRegularFile(newJar)) {
            throw new ParameterException(spec.commandLine(), "No such jar: " + newJar);
        }
        if (programArgs.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Give the new job's arguments after `--` "
                    + "(e.g. -- --job clickstream --config <file>); Flink does not keep the running job's arguments.");
        }
        StackEndpoints endpoints = options.toConfig().endpoints();
        PrintWriter out = spec.commandLine().getOut();
        SavepointRedeploy redeploy = new SavepointRedeploy(new FlinkRestClient(endpoints.flinkRestUrl()), endpoints,
                new SavepointProbeRunner(StackOptions.repoHome(), timeout), timeout);
        SavepointRedeploy.Result result = redeploy.redeploy(new SavepointRedeploy.Request(jobId, newJar, entryClass,
                programArgs, allowNonRestoredState, savepointDir), line -> {
                    out.println(line);
                    out.flush();
                });
        out.println("savepoint: " + result.savepointPath());
        out.println("new job id: " + result.newJobId());
        out.flush();
        return 0;
    }
}

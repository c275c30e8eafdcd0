package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lakehouse up}: starts the local stack, prints its endpoints and runs until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start Kafka, the S3 store, PostgreSQL and the Flink cluster; stop them with Ctrl-C.")
final class UpCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Option(names = "--fresh", description = "Wipe the data directory first (topics, tables, objects, jobs).")
    boolean fresh;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LocalStack stack = startOwned(options.toConfig().withFresh(fresh), out);
        out.println(endpointsBlock(stack.endpoints()));
        out.println("Press Ctrl-C (or run `lakehouse down`) to stop.");
        out.flush();
        // The stack's shutdown hook stops every service when this JVM is interrupted.
        new CountDownLatch(1).await();
        return 0;
    }

    /** Starts the stack and records this JVM as its owner, so {@code lakehouse down} can stop it. */
    static LocalStack startOwned(StackConfig config, PrintWriter out) {
        return startOwned(config, out, Map.of());
    }

    /** As {@link #startOwned(StackConfig, PrintWriter)}, see {@link LocalStack#start(StackConfig, Map)}. */
    static LocalStack startOwned(StackConfig config, PrintWriter out, Map<String, String> taskManagerEnvironment) {
        out.println("Starting the local stack in " + config.dataDir() + " (logs in " + config.logsDir() + ") ...");
        out.flush();
        LocalStack stack = LocalStack.start(config, taskManagerEnvironment);
        PidFiles pidFiles = new PidFiles(config.runDir());
        pidFiles.writeOwner(ProcessHandle.current());
        Runtime.getRuntime().addShutdownHook(new Thread(pidFiles::deleteOwner, "lakehouse-up-pid"));
        return stack;
    }

    static String endpointsBlock(StackEndpoints endpoints) {
        return endpointsBlock(endpoints, Optional.empty());
    }

    /** The stack's addresses, with the dashboards page of {@code lakehouse run} when it serves one. */
    static String endpointsBlock(StackEndpoints endpoints, Optional<URI> dashboardsPage) {
        List<String> lines = new ArrayList<>(List.of(
                "",
                "Local stack is up:",
                "  Flink web UI / REST  " + endpoints.flinkRestUrl()));
        dashboardsPage.ifPresent(url -> lines.add("  Dashboards           " + url
                + "  (deploy/dashboards, read-only, this machine only)"));
        lines.addAll(List.of(
                "  PostgreSQL (BI)      " + endpoints.jdbcUrl() + "  user " + endpoints.biUser()
                        + "  password " + endpoints.biPassword() + "  (read-only: dashboards, lakehouse query)",
                "  PostgreSQL pipeline  " + endpoints.jdbcUrl() + "  user " + endpoints.dbUser()
                        + "  password " + endpoints.dbPassword() + "  (owns the marts; jobs only)",
                "  S3 endpoint          " + endpoints.s3Endpoint() + "  bucket " + endpoints.s3Bucket()
                        + "  region " + endpoints.s3Region(),
                "  S3 keys              access " + endpoints.s3AccessKey() + "  secret " + endpoints.s3SecretKey(),
                "  Iceberg warehouse    " + endpoints.warehouse(),
                "  Kafka bootstrap      " + endpoints.kafkaBootstrapServers(),
                ""));
        return String.join(System.lineSeparator(), lines);
    }
}

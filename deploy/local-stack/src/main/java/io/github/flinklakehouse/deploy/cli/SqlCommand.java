package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.sql.SqlClientLauncher;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse sql [-f FILE]}: the Flink SQL client 2.0 against the running local stack, with the Iceberg
 * catalog {@code lakehouse} and the PostgreSQL catalog {@code marts} registered by
 * {@code sql-client/src/main/sql/init.sql}; interactive, or running a file and exiting.
 */
@Command(name = "sql", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open the Flink SQL client on the running local stack (catalogs `lakehouse` = Iceberg raw.*, "
                + "`marts` = PostgreSQL), or run a SQL file with -f.",
                "Examples: sql-client/src/main/sql/examples/*.sql"})
final class SqlCommand implements Callable<Integer> {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Run this SQL file and exit (exit code 1 when a statement fails).")
    Path file;

    @Option(names = {"-D", "--define"}, paramLabel = "NAME=VALUE",
            description = "Value of a $${NAME} placeholder in FILE, e.g. -D SNAPSHOT_ID=123 for examples/time_travel.sql.")
    Map<String, String> defines = new LinkedHashMap<>();

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Longest run of a FILE, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--slot-wait", defaultValue = "PT1M", description = "Longest a query's job may wait for a free task "
            + "slot before it is cancelled with the names of the jobs holding them, ISO-8601 (default ${DEFAULT-VALUE}).")
    Duration slotWait;

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StackConfig config = options.toConfig();
        if (file != null && !Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "No such SQL file: " + file);
        }
        StackReachability.require(config, StackService.FLINK_JOBMANAGER, StackService.S3,
                StackService.POSTGRES);
        SqlClientLauncher launcher = new SqlClientLauncher(StackOptions.repoHome(),
                config.dataDir().resolve("sql-client"), config.logsDir().resolve("sql-client.log"), config.endpoints(),
                slotWait);
        if (file == null) {
            return launcher.interactive(defines);
        }
        PrintWriter out = spec.commandLine().getOut();
        SqlClientLauncher.Result result = launcher.runFile(file, defines, timeout, line -> {
            out.println(line);
            out.flush();
        });
        if (result.failed()) {
            throw new IllegalStateException("A statement of " + file + " failed (see above; client log "
                    + config.logsDir().resolve("sql-client.log") + ")");
        }
        return 0;
    }
}

package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.benchmark.BackfillBenchmark;
import io.github.flinklakehouse.deploy.benchmark.BenchmarkReport;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse benchmark}: times a CSV file backfill (raw Iceberg table and every mart) of a generated data set
 * end to end on a throwaway stack of its own, and prints rows/s, peak memory and the figures per stage.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time a backfill of generated CSV files into the raw Iceberg table and every mart, end to end.",
                "Starts its own throwaway stack (free ports, data under --work-dir, removed afterwards unless --keep),",
                "so a running stack and its lake are never touched. Generation and stack start are not timed.",
                "Target on a 2-core machine: 300,000 rows/s end to end for 10,000,000 rows.",
                "Examples:",
                "  lakehouse benchmark                         (10,000,000 rows, 4 plain files)",
                "  lakehouse benchmark --rows 1000000 --gzip"})
final class BenchmarkCommand implements Callable<Integer> {

    @Option(names = "--rows", defaultValue = "10000000", description = "Rows to generate (default ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--files", defaultValue = "4", description = "CSV files to split them into, generated in "
            + "parallel and read as parallel splits (default ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--gzip", description = "Gzip the files (default: plain CSV).")
    boolean gzip;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--parallelism", defaultValue = "2", description = "Job parallelism, at most the TaskManager's "
            + "2 slots (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--taskmanager-memory", description = "TaskManager process size, e.g. 4096m (default: the "
            + "stack's, env LAKEHOUSE_STACK_FLINK_TASKMANAGER_MEMORY or 2560m).")
    String taskManagerMemory;

    @Option(names = "--work-dir", description = "Where the input files and the throwaway stack's data go "
            + "(default <data-dir>/benchmark, data-dir from LAKEHOUSE_STACK_DATA_DIR or <repo>/.lakehouse).")
    Path workDir;

    @Option(names = "--keep", description = "Keep the input files and the stack's data afterwards.")
    boolean keep;

    @Option(names = "--timeout", defaultValue = "PT1H", description = "Longest the backfill job may run "
            + "(default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path repoHome = StackOptions.repoHome();
        BackfillBenchmark.Settings settings;
        try {
            settings = new BackfillBenchmark.Settings(rows, files, gzip, seed, parallelism, memory(), workDir(repoHome),
                    keep, timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        BenchmarkReport report = new BackfillBenchmark(repoHome).run(settings, out);
        // A benchmark that lost rows measured nothing worth reporting as a success.
        return report.complete() ? 0 : LakehouseCli.EXIT_FAILURE;
    }

    private String memory() {
        if (taskManagerMemory != null) {
            return taskManagerMemory;
        }
        return System.getenv(StackConfig.environmentVariable("flink-taskmanager-memory"));
    }

    private Path workDir(Path repoHome) {
        if (workDir != null) {
            return workDir.toAbsolutePath().normalize();
        }
        String dataDir = System.getenv(StackConfig.environmentVariable("data-dir"));
        Path base = dataDir == null || dataDir.isBlank() ? repoHome.resolve(".lakehouse") : Path.of(dataDir);
        return base.resolve("benchmark").toAbsolutePath().normalize();
    }
}

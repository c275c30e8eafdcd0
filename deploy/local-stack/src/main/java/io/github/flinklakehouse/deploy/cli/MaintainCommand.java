package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.catalog.maintenance.MaintenancePlan;
import io.github.flinklakehouse.catalog.maintenance.MaintenanceReport;
import io.github.flinklakehouse.deploy.jobs.StackLakeMaintenance;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse maintain}: one lake maintenance pass over every raw/curated Iceberg table (compaction, manifest
 * merge, snapshot expiry that keeps what running jobs and kept savepoints need, old orphan files), or a dry run
 * that prints what it would rewrite and delete.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compact small files, merge manifests, expire snapshots and delete old orphan files of every "
                + "table in the lake's raw and curated namespaces, while the jobs keep writing; records the outcome "
                + "in marts.lake_health. Needs a running stack.",
                "Settings are the maintenance.* job options (README, Configuration of the jobs).",
                "Example: lakehouse maintain --dry-run [-- --maintenance.snapshot-retention 6h]"})
final class MaintainCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Print what a pass would rewrite and delete; change nothing.")
    boolean dryRun;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "Repeat the pass at this interval until stopped (ISO-8601, e.g. PT1H).")
    Duration every;

    @Parameters(paramLabel = "OPTION", description = "maintenance.* options after `--`, e.g. -- --maintenance.min-input-files 10")
    List<String> jobOptions = new ArrayList<>();

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (every != null && (every.isNegative() || every.isZero() || dryRun)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--every needs a positive interval and cannot be combined with --dry-run, but was " + every);
        }
        try (StackLakeMaintenance lake = StackLakeMaintenance.forStack(options.toConfig(),
                JobOptionList.parse(jobOptions))) {
            if (dryRun) {
                out.println("Dry run: nothing is changed.");
                for (MaintenancePlan plan : lake.maintenance().plan(Instant.now()).values()) {
                    plan.describe().forEach(out::println);
                }
                out.flush();
                return 0;
            }
            while (true) {
                for (MaintenanceReport report : lake.maintenance().run(Instant.now())) {
                    out.println(report.summary());
                }
                out.flush();
                if (every == null) {
                    return 0;
                }
                out.println("Next pass in " + every + " (Ctrl-C stops).");
                out.flush();
                Thread.sleep(every.toMillis());
            }
        }
    }
}

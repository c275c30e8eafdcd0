package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.catalog.maintenance.TableHealth;
import io.github.flinklakehouse.deploy.jobs.StackLakeMaintenance;
import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import io.github.flinklakehouse.jobs.lake.LakeHealthRow;
import io.github.flinklakehouse.jobs.lake.LakeMaintenance;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lakehouse status}: which services of the stack run, with their pids and ports, and, while the store and
 * the database run, the health of each lake table (files, average size, snapshots, last maintenance).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which services of the local stack run, with their pids and ports, and each lake table's "
                + "health: data files, average file size, snapshots, last compaction and expiry.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackConfig config = options.toConfig();
        PrintWriter out = spec.commandLine().getOut();
        PidFiles pidFiles = new PidFiles(config.runDir());
        out.println("Local stack in " + config.dataDir());
        out.printf("  %-18s %-8s %-8s %s%n", "SERVICE", "STATE", "PID", "ADDRESS");
        for (StackService service : StackService.values()) {
            Optional<ProcessHandle> process = pidFiles.live(service);
            out.printf("  %-18s %-8s %-8s %s%n", service.serviceName(), process.isPresent() ? "running" : "stopped",
                    process.map(p -> Long.toString(p.pid())).orElse("-"),
                    config.bindHost() + ":" + config.port(service));
        }
        out.println("  " + pidFiles.liveOwner().map(p -> "started by `lakehouse up`, pid " + p.pid())
                .orElse("no `lakehouse up` process"));
        if (pidFiles.live(StackService.S3).isPresent() && pidFiles.live(StackService.POSTGRES).isPresent()) {
            printLakeHealth(config, out);
        }
        return 0;
    }

    /** Health read live from each table's metadata; the last compaction and expiry from marts.lake_health. */
    private static void printLakeHealth(StackConfig config, PrintWriter out) {
        try (StackLakeMaintenance lake = StackLakeMaintenance.forStack(config, Map.of())) {
            Map<String, LakeHealthRow> recorded = LakeMaintenance.recorded(lake.config().marts());
            out.println("Lake tables (lakehouse maintain keeps them; runbook in README.md)");
            out.printf("  %-28s %10s %14s %10s %-20s %-20s%n", "TABLE", "DATA FILES", "AVG FILE BYTES", "SNAPSHOTS",
                    "LAST COMPACTION", "LAST EXPIRY");
            for (TableIdentifier id : lake.maintenance().tables()) {
                TableHealth health = TableHealth.of(lake.catalog().loadTable(id));
                LakeHealthRow row = recorded.get(id.toString());
                out.printf("  %-28s %10d %14d %10d %-20s %-20s%n", id, health.dataFiles(), health.averageFileBytes(),
                        health.snapshots(), when(row == null ? null : row.lastCompactionAt()),
                        when(row == null ? null : row.lastExpiryAt()));
            }
        } catch (Exception e) {
            out.println("Lake tables: cannot read them (" + e.getMessage() + ")");
        }
    }

    private static String when(Instant instant) {
        return instant == null ? "never" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}

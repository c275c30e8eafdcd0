package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lakehouse status}: which services of the stack run, with their pids and ports. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show which services of the local stack run, with their pids and ports.")
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
        return 0;
    }
}

package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackService;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lakehouse down}: stops every process of the stack found through its pid files. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the local stack of a data directory, even if the `up` process has died.")
final class DownCommand implements Callable<Integer> {

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        StackConfig config = options.toConfig();
        PrintWriter out = spec.commandLine().getOut();
        PidFiles pidFiles = new PidFiles(config.runDir());
        Optional<ProcessHandle> owner = pidFiles.liveOwner();
        Map<StackService, ProcessHandle> stopped = pidFiles.stopAll(config.stopTimeout());
        // The owning `up`/`run` JVM stops its own services, so then nothing is left for stopAll to kill.
        owner.ifPresent(process -> out.println("Stopped the stack of " + config.dataDir()
                + " through the lakehouse process that started it (pid " + process.pid() + ")"));
        if (stopped.isEmpty() && owner.isEmpty()) {
            out.println("No stack is running from " + config.dataDir());
        } else {
            stopped.forEach((service, process) ->
                    out.println("Stopped " + service.serviceName() + " (pid " + process.pid() + ")"));
        }
        return 0;
    }
}

package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.ConfigException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code lakehouse replay}: runs a pipeline's replay job ({@code <pipeline>-replay}) of the current jar on the running
 * stack and prints how many rejected records the (fixed) validation accepts now and how many still fail, by reason.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-read rejected records of one reason (and seen_at range) through the job's validation, after a fix.",
                "Accepted ones are appended to raw.clickstream_events with their original position, once however often",
                "you replay; the others stay in raw.rejected_events. Needs a running stack (`lakehouse up` or `run`).",
                "Example: lakehouse replay --reason OVERSIZED --seen-from 2026-11-01T00:00:00Z -- --clickstream.max-payload-bytes 65536"})
final class ReplayCommand implements Callable<Integer> {

    @Option(names = "--pipeline", defaultValue = "clickstream",
            description = "The registered pipeline whose dead letters to replay (default ${DEFAULT-VALUE}).")
    String pipeline;

    @Option(names = "--reason", required = true, description = "Reason code to replay, e.g. OVERSIZED or BAD_TIMESTAMP.")
    String reason;

    @Option(names = "--seen-from", description = "Only records first seen at or after this ISO-8601 instant.")
    Instant seenFrom;

    @Option(names = "--seen-until", description = "Only records first seen before this ISO-8601 instant.")
    Instant seenUntil;

    @Option(names = "--timeout", defaultValue = "PT30M", description = "Longest wait for the replay to finish (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @picocli.CommandLine.Parameters(paramLabel = "OPTION", description = "More job options after `--`, e.g. the fixed "
            + "setting: -- --clickstream.max-payload-bytes 65536")
    List<String> jobOptions = new ArrayList<>();

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        StackEndpoints endpoints = options.toConfig().endpoints();
        PrintWriter out = spec.commandLine().getOut();
        String jobName = LakehouseJobs.PIPELINES.pipeline(pipeline).replayJob()
                .orElseThrow(() -> new ConfigException("The pipeline " + pipeline + " has no replay job")).name();
        Path configFile = StackJobConfigFile.write(
                options.toConfig().dataDir().resolve("jobs").resolve(jobName + ".properties"), endpoints, Map.of());
        List<String> args = new ArrayList<>(List.of("--job", jobName, "--config",
                configFile.toAbsolutePath().toString(), "--replay.reason", reason));
        if (seenFrom != null) {
            args.addAll(List.of("--replay.seen-from", seenFrom.toString()));
        }
        if (seenUntil != null) {
            args.addAll(List.of("--replay.seen-until", seenUntil.toString()));
        }
        args.addAll(jobOptions);

        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        String jobId = rest.submitJar(JobJar.locate(StackOptions.repoHome()), JobJar.ENTRY_CLASS, args);
        out.println("Replaying " + reason + " as job " + jobId + ": " + endpoints.flinkRestUrl() + "/#/job/running/"
                + jobId + "/overview");
        out.flush();
        rest.awaitJobState(jobId, "FINISHED", timeout);

        Map<String, String> counts = rest.accumulators(jobId);
        out.println("accepted now (appended to raw.clickstream_events): " + counts.getOrDefault("replay.accepted", "0"));
        counts.forEach((name, value) -> {
            if (name.startsWith("replay.still-rejected.")) {
                out.println("still rejected, " + name.substring("replay.still-rejected.".length()) + ": " + value);
            }
        });
        out.println("Marts are not changed by a replay; the replayed events are in the lake for queries and backfills.");
        out.flush();
        return 0;
    }
}

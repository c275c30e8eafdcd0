package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.BackfillRun;
import io.github.flinklakehouse.deploy.jobs.BackfillSummary;
import io.github.flinklakehouse.jobs.marts.range.ParityReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse parity}: recomputes the marts of a range from the lake in batch and reports every row of the range
 * that differs in PostgreSQL; exit code {@value #EXIT_DRIFT} when any does.
 */
@Command(name = "parity", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check the marts of an event-time range against a batch recomputation from raw.clickstream_events.",
                "Prints every differing row (missing, unexpected, different values); exit code 0 when none, "
                        + ParityCommand.EXIT_DRIFT + " on drift, 1 when the check itself failed. Needs a running stack.",
                "Use a range whose periods are closed in the stream (older than the allowed lateness).",
                "Example: lakehouse parity --from 2019-10-01 --until 2019-10-08 [-- --pipeline.parallelism 1]"})
final class ParityCommand implements Callable<Integer> {

    /** Exit code when the marts differ from the recomputation. */
    static final int EXIT_DRIFT = 3;

    @Parameters(paramLabel = "OPTION", description = "More job options after `--`, e.g. -- --pipeline.parallelism 1")
    List<String> jobOptions = new ArrayList<>();

    @Mixin
    RangeOptions range;

    @Mixin
    StackOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> job = new LinkedHashMap<>();
        job.put("backfill.source", "lake");
        range.putInto(job);
        job.putAll(JobOptionList.parse(jobOptions));
        BackfillRun.Result result = BackfillRun.on(options.toConfig(), StackOptions.repoHome())
                .run(new BackfillRun.Request(range.pipeline, job, range.schema, BackfillRun.Outcome.COMPARE, range.timeout), out);
        out.print(BackfillSummary.render(result));
        ParityReport parity = result.parity();
        out.print(parity.render());
        out.flush();
        return parity.hasDrift() ? EXIT_DRIFT : 0;
    }
}

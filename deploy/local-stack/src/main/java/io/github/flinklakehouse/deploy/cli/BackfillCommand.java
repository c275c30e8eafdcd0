package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.BackfillRun;
import io.github.flinklakehouse.deploy.jobs.BackfillSummary;
import io.github.flinklakehouse.jobs.config.BackfillSource;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse backfill}: runs the clickstream job's graph in BATCH mode over CSV files, the lake or a Kafka range,
 * and replaces exactly the mart rows of the event-time range with the result.
 */
@Command(name = "backfill", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Backfill the clickstream marts with the live job's own graph, in batch mode.",
                "The marts are computed into a staging schema and the rows of the range replace the target's in one",
                "transaction, so overlapping what the stream wrote never counts twice. Needs a running stack.",
                "Examples:",
                "  lakehouse backfill --files '/data/2019-Oct*.csv.gz' --from 2019-10-01 --until 2019-11-01",
                "  lakehouse backfill --lake --from 2019-10-01 --until 2019-10-08      (re-derive after a logic change)",
                "  lakehouse backfill --kafka --kafka-start 2019-10-01T00:00:00Z --from 2019-10-01 --until 2019-10-02"})
final class BackfillCommand implements Callable<Integer> {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--files", paramLabel = "ENTRIES", description = "Comma-separated CSV files (dataset format, "
                + ".gz gunzipped), folders or globs; local, file:// or s3:// paths (as the cluster sees them).")
        String files;

        @Option(names = "--lake", description = "Read raw.clickstream_events (nothing is appended to the lake).")
        boolean lake;

        @Option(names = "--kafka", description = "Read a bounded range of the clickstream topic.")
        boolean kafka;
    }

    @Option(names = "--kafka-start", description = "With --kafka: earliest (default), an ISO-8601 instant or "
            + "partition:offset[,...].")
    String kafkaStart;

    @Option(names = "--kafka-stop", description = "With --kafka: latest (default, at job start), an ISO-8601 instant or "
            + "partition:offset[,...]; exclusive.")
    String kafkaStop;

    @Option(names = "--write-lake", arity = "1", description = "Append accepted events and dead letters to the raw "
            + "tables (default: true for --files, false for --kafka; never for --lake).")
    Boolean writeLake;

    @Parameters(paramLabel = "OPTION", description = "More job options after `--`, e.g. -- --pipeline.parallelism 2")
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
        Map<String, String> job = jobOptions();
        BackfillRun.Result result = BackfillRun.on(options.toConfig(), StackOptions.repoHome())
                .run(new BackfillRun.Request(range.pipeline, job, range.schema, BackfillRun.Outcome.PUBLISH, range.timeout), out);
        out.print(BackfillSummary.render(result));
        out.print(result.published().render());
        out.flush();
        return 0;
    }

    private Map<String, String> jobOptions() {
        Map<String, String> job = new LinkedHashMap<>();
        BackfillSource source = input.files != null ? BackfillSource.FILES
                : input.lake ? BackfillSource.LAKE : BackfillSource.KAFKA;
        job.put("backfill.source", source.name().toLowerCase(java.util.Locale.ROOT));
        putIfGiven(job, "backfill.files", input.files);
        range.putInto(job);
        putIfGiven(job, "backfill.kafka.start", kafkaStart);
        putIfGiven(job, "backfill.kafka.stop", kafkaStop);
        putIfGiven(job, "backfill.write-lake", writeLake == null ? null : writeLake.toString());
        job.putAll(JobOptionList.parse(jobOptions));
        return job;
    }

    private static void putIfGiven(Map<String, String> job, String key, String value) {
        if (value != null) {
            job.put(key, value);
        }
    }
}

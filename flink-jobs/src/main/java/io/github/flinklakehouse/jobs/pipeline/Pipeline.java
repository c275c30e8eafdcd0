package io.github.flinklakehouse.jobs.pipeline;

import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.range.RangeLakeCopy;
import io.github.flinklakehouse.jobs.marts.range.RangeMerge;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline of the lakehouse (clickstream, road traffic, ...): its own options, the jobs it runs and the mart
 * tables it keeps. Everything else (shared options, the mart engine, sinks, backfill publishing, parity, the entry
 * point) is the project's, so a pipeline holds only what is its own. Register it in a {@link PipelineRegistry}.
 */
public interface Pipeline {

    /** The pipeline's name: its jobs' names and its operators' uids start with it. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The pipeline's own options (loaded, validated and listed by {@code --help} with the shared ones). */
    OptionGroup<?> options();

    /** Further option groups of the pipeline's optional parts (loaded and listed like {@link #options()}). */
    default List<OptionGroup<?>> extraOptions() {
        return List.of();
    }

    /** Every job the pipeline runs. */
    List<PipelineJob> jobs();

    /** The mart tables the pipeline writes with {@code config} (a backfill publishes them, parity compares them). */
    List<MartTable<?>> martTables(LakehouseConfig config);

    /**
     * The job that recomputes the marts over a bounded input into {@code marts.schema} ({@code <name>-backfill}),
     * which {@code lakehouse backfill} and {@code lakehouse parity} run; empty when the pipeline has none.
     */
    default Optional<PipelineJob> backfillJob() {
        return job(name() + "-backfill");
    }

    /**
     * The checks {@code lakehouse backfill} and {@code lakehouse parity} run over the finished backfill job of
     * {@code config} before publishing or comparing its marts (none by default).
     */
    default List<BackfillCheck> backfillChecks(LakehouseConfig config) {
        return List.of();
    }

    /**
     * How {@code lakehouse backfill} publishes the rows of the pipeline's tables of {@code config} that describe no
     * event-time period but that a range still changes (e.g. dimensions), after the ranged marts and in the same
     * transaction (none by default: such tables are left alone).
     */
    default List<RangeMerge> rangeMerges(LakehouseConfig config) {
        return List.of();
    }

    /**
     * How {@code lakehouse backfill} brings the lake copies of the pipeline's tables of {@code config} (tables a live
     * job writes to PostgreSQL and to Iceberg alike) to the target's rows after the publish committed (none by
     * default).
     */
    default List<RangeLakeCopy> rangeLakeCopies(LakehouseConfig config) {
        return List.of();
    }

    /** The job that re-reads fixable dead letters ({@code <name>-replay}), which {@code lakehouse replay} runs. */
    default Optional<PipelineJob> replayJob() {
        return job(name() + "-replay");
    }

    private Optional<PipelineJob> job(String jobName) {
        return jobs().stream().filter(job -> job.name().equals(jobName)).findFirst();
    }
}

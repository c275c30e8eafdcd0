package io.github.flinklakehouse.jobs.pipeline;

import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One job a pipeline offers, run with {@code --job <name>}: its live job, its backfill, its replay. It only builds
 * its graph; the registry applies the shared settings, the runtime mode and runs it.
 */
public interface PipelineJob {

    /** The name {@code --job} takes, e.g. {@code clickstream-backfill}. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** STREAMING for a live job, BATCH for a bounded one (backfills, replays). */
    RuntimeExecutionMode mode();

    /** The Flink job name (web UI, REST). */
    String flinkJobName();

    /**
     * Checks what the configuration loader cannot (an option only this job requires) and creates what the job
     * writes when absent (tables); runs in {@code main}, before the graph is built.
     *
     * @throws io.github.flinklakehouse.jobs.config.ConfigException with what to set when the job cannot run
     */
    void prepare(LakehouseConfig config) throws Exception;

    /** Adds the job's graph to {@code env}; never calls {@code execute}. */
    void addTo(StreamExecutionEnvironment env, LakehouseConfig config) throws Exception;

    /** Parameters shown with the job (web UI: job → Configuration), e.g. the size of a backfill's input. */
    default Configuration globalJobParameters(LakehouseConfig config) {
        return new Configuration();
    }
}

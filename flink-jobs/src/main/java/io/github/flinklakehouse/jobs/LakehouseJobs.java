package io.github.flinklakehouse.jobs;

import io.github.flinklakehouse.jobs.clickstream.ClickstreamPipeline;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.pipeline.PipelineJob;
import io.github.flinklakehouse.jobs.pipeline.PipelineRegistry;
import io.github.flinklakehouse.jobs.roadtraffic.RoadTrafficPipeline;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the job jar (its Main-Class): {@code --job <name> [--config file] [--key value ...]}, where the
 * name is one of a registered pipeline's jobs ({@link #PIPELINES}).
 *
 * <p>Works from {@code flink run} and from a session cluster's REST {@code /jars/:id/run}, where
 * {@code main} runs inside the JobManager: the environment comes from
 * {@link StreamExecutionEnvironment#getExecutionEnvironment()}.
 */
public final class LakehouseJobs {

    private static final Logger LOG = LoggerFactory.getLogger(LakehouseJobs.class);

    /** The pipelines this jar runs; a new pipeline is added here and nowhere else. */
    public static final PipelineRegistry PIPELINES = PipelineRegistry.of(new ClickstreamPipeline(),
            new RoadTrafficPipeline());

    /** Max parallelism of every job; fixed so key groups (and savepoints) stay compatible when rescaling. */
    public static final int MAX_PARALLELISM = 128;

    private LakehouseJobs() {
    }

    public static void main(String[] args) throws Exception {
        run(PIPELINES, args);
    }

    /** Runs the job {@code args} name, from one of {@code registry}'s pipelines, and waits for it (bounded jobs). */
    public static void run(PipelineRegistry registry, String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        if (arguments.help()) {
            System.out.println(registry.usage());
            return;
        }
        String name = arguments.job()
                .orElseThrow(() -> new ConfigException("Missing --job. " + registry.validJobsAndOptions()));
        PipelineJob job = registry.job(name)
                .orElseThrow(() -> new ConfigException("Unknown job '" + name + "'. " + registry.validJobsAndOptions()))
                .job();
        LakehouseConfig config = registry.loadConfig(arguments.options(), arguments.configFile(), System.getenv());
        LOG.info("Starting job {} with {}", name, config);
        relaxAwsChecksums();
        try {
            job.prepare(config);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            build(env, job, config);
            env.execute(job.flinkJobName());
        } finally {
            // On a session cluster this main() ran in the JobManager, which keeps running: leave nothing behind
            // that pins this submission's class loader (a web submission ends here, by an exception, once the
            // graph is built; `flink run` once the job is submitted or done).
            JobClassLoaderRelease.release(LakehouseJobs.class.getClassLoader());
        }
    }

    /** Adds {@code job}'s graph to {@code env} with the shared settings, its runtime mode and its job parameters. */
    public static void build(StreamExecutionEnvironment env, PipelineJob job, LakehouseConfig config) throws Exception {
        configure(env, config);
        if (job.mode() == RuntimeExecutionMode.BATCH) {
            configureBackfill(env);
        } else {
            env.setRuntimeMode(job.mode());
        }
        job.addTo(env, config);
        Configuration parameters = job.globalJobParameters(config);
        if (!parameters.keySet().isEmpty()) {
            env.getConfig().setGlobalJobParameters(parameters);
        }
    }

    /**
     * Applies the settings every lakehouse job needs: explicit uids, no Kryo, fixed max parallelism, exactly-once
     * checkpoints, and object reuse: chained operators hand records on without copying them. That is safe because no
     * operator changes a record it was given or keeps one beyond the call, and every key held in state is immutable
     * (a String, a Long or a record).
     */
    public static void configure(StreamExecutionEnvironment env, LakehouseConfig config) {
        Configuration settings = new Configuration();
        settings.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        settings.set(PipelineOptions.GENERIC_TYPES, false);
        settings.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        settings.set(PipelineOptions.OBJECT_REUSE, true);
        settings.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.pipeline().checkpointInterval());
        settings.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        env.configure(settings);
        env.setParallelism(config.pipeline().parallelism());
    }

    /** Restarts of a BATCH job before it fails for good. */
    public static final int BACKFILL_RESTART_ATTEMPTS = 3;

    /**
     * BATCH mode, as every backfill and replay runs: bounded inputs, keyed stages on sorted input, blocking exchanges. Each
     * blocking result partition takes {@code taskmanager.network.sort-shuffle.min-buffers} network buffers (512 by
     * default), so the cluster needs enough network memory for about 16 of them per slot (see deploy/README.md).
     */
    public static void configureBackfill(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        // A backfill reruns from the start anyway: fail after a few quick attempts with the cause (a truncated file,
        // an unreachable store) instead of the live pipeline's long backoff (the cluster default, deploy/README.md).
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, BACKFILL_RESTART_ATTEMPTS);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(5));
        env.configure(restarts);
    }

    /**
     * S3-compatible stores (S3Proxy, older MinIO) reject the AWS SDK's default checksums; main creates tables
     * (writes metadata to S3) in this JVM, so relax them here unless the operator decided otherwise. Task
     * managers need the same system properties or environment variables (see STACK.md).
     */
    private static void relaxAwsChecksums() {
        for (String property : List.of("aws.requestChecksumCalculation", "aws.responseChecksumValidation")) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, "when_required");
            }
        }
    }

    /** Returns the {@code --help} text of the registered pipelines. */
    public static String usage() {
        return PIPELINES.usage();
    }
}

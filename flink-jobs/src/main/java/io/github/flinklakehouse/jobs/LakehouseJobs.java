package io.github.flinklakehouse.jobs;

import io.github.flinklakehouse.jobs.backfill.BackfillTotals;
import io.github.flinklakehouse.jobs.backfill.BackfillWiring;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamWiring;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.config.ConfigHelp;
import io.github.flinklakehouse.jobs.config.ConfigLoader;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.replay.RejectedEventsReplay;
import io.github.flinklakehouse.jobs.replay.ReplayWiring;
import org.apache.flink.api.common.RuntimeExecutionMode;
import java.util.List;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the job jar (its Main-Class): {@code --job clickstream [--config file] [--key value ...]}.
 *
 * <p>Works from {@code flink run} and from a session cluster's REST {@code /jars/:id/run}, where
 * {@code main} runs inside the JobManager: the environment comes from
 * {@link StreamExecutionEnvironment#getExecutionEnvironment()}.
 */
public final class LakehouseJobs {

    private static final Logger LOG = LoggerFactory.getLogger(LakehouseJobs.class);

    /** Names accepted by {@code --job}. */
    public static final List<String> JOBS = List.of("clickstream", "clickstream-replay", "clickstream-backfill");

    /** Max parallelism of every job; fixed so key groups (and savepoints) stay compatible when rescaling. */
    public static final int MAX_PARALLELISM = 128;

    private LakehouseJobs() {
    }

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(args);
        if (arguments.help()) {
            System.out.println(usage());
            return;
        }
        String job = arguments.job().orElseThrow(() -> new ConfigException("Missing --job. " + validJobs()));
        if (!JOBS.contains(job)) {
            throw new ConfigException("Unknown job '" + job + "'. " + validJobs());
        }
        LakehouseConfig config = ConfigLoader.load(arguments.options(), arguments.configFile(), System.getenv());
        LOG.info("Starting job {} with {}", job, config);
        relaxAwsChecksums();

        ClickstreamWiring.prepare(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        configure(env, config);
        if (job.equals("clickstream-replay")) {
            if (config.replay().reason() == null) {
                throw new ConfigException("--job clickstream-replay needs --replay.reason <CODE> (see --help).");
            }
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
            ReplayWiring.create(config).addTo(env);
            env.execute(RejectedEventsReplay.JOB_NAME);
            return;
        }
        if (job.equals("clickstream-backfill")) {
            configureBackfill(env);
            BackfillWiring.create(config).addTo(env);
            env.getConfig().setGlobalJobParameters(BackfillTotals.of(config.backfill(), config.catalog().catalogLoader()));
            env.execute(BackfillWiring.JOB_NAME);
            return;
        }
        ClickstreamWiring.create(config).addTo(env);
        env.execute(ClickstreamJob.JOB_NAME);
    }

    /** Applies the settings every lakehouse job needs: explicit uids, no Kryo, fixed max parallelism, exactly-once checkpoints. */
    public static void configure(StreamExecutionEnvironment env, LakehouseConfig config) {
        Configuration settings = new Configuration();
        settings.set(PipelineOptions.AUTO_GENERATE_UIDS, false);
        settings.set(PipelineOptions.GENERIC_TYPES, false);
        settings.set(PipelineOptions.MAX_PARALLELISM, MAX_PARALLELISM);
        settings.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.pipeline().checkpointInterval());
        settings.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        env.configure(settings);
        env.setParallelism(config.pipeline().parallelism());
    }

    /**
     * BATCH mode, as every backfill runs: bounded inputs, keyed stages on sorted input, blocking exchanges. Each
     * blocking result partition takes {@code taskmanager.network.sort-shuffle.min-buffers} network buffers (512 by
     * default), so the cluster needs enough network memory for about 16 of them per slot (see deploy/README.md).
     */
    public static void configureBackfill(StreamExecutionEnvironment env) {
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
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

    /** Returns the {@code --help} text. */
    public static String usage() {
        return "Usage: --job <" + String.join("|", JOBS) + "> [--config <file.properties>] [--<key> <value> ...]\n\n"
                + ConfigHelp.render();
    }

    private static String validJobs() {
        return "Valid jobs: " + String.join(", ", JOBS) + ". Valid options: --config, --help, --" 
                + ConfigLoader.validKeys().replace(", ", ", --");
    }
}

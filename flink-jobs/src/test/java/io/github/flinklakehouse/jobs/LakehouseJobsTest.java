package io.github.flinklakehouse.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.config.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class LakehouseJobsTest {

    @Test
    void parsesJobConfigAndOptionsInBothForms() {
        JobArguments args = JobArguments.parse(new String[] {
            "--job", "clickstream", "--config", "/etc/lake.properties", "--kafka.topic", "t", "--pipeline.parallelism=4"});

        assertThat(args.job()).contains("clickstream");
        assertThat(args.configFile()).contains(Path.of("/etc/lake.properties"));
        assertThat(args.options()).isEqualTo(Map.of("kafka.topic", "t", "pipeline.parallelism", "4"));
        assertThat(args.help()).isFalse();
    }

    @Test
    void unknownJobOrMissingJobFailsListingValidJobsAndOptions() {
        assertThatThrownBy(() -> LakehouseJobs.main(new String[] {"--job", "nope"}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown job 'nope'")
                .hasMessageContaining("Valid jobs: clickstream")
                .hasMessageContaining("--kafka.bootstrap-servers");
        assertThatThrownBy(() -> LakehouseJobs.main(new String[0])).hasMessageContaining("Missing --job");
    }

    @Test
    void unknownOptionFailsBeforeTouchingAnyService() {
        assertThatThrownBy(() -> LakehouseJobs.main(new String[] {"--job", "clickstream", "--nope", "1"}))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown option --nope");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"--kafka.topic"}))
                .hasMessageContaining("--kafka.topic needs a value");
        assertThatThrownBy(() -> JobArguments.parse(new String[] {"clickstream"}))
                .hasMessageContaining("Unexpected argument 'clickstream'");
    }

    @Test
    void helpListsJobsAndOptions() {
        assertThat(LakehouseJobs.usage())
                .contains("--job <clickstream|clickstream-replay|clickstream-backfill|road-traffic|"
                        + "road-traffic-backfill>")
                .contains("  clickstream-backfill     batch: recompute the marts")
                .contains("LAKEHOUSE_S3_SECRET_KEY")
                .contains("Pipeline clickstream:");
    }

    @Test
    void aBackfillFailsAfterAFewQuickRestartsWhateverTheClustersDefault() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        LakehouseJobs.configureBackfill(env);
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixed-delay");
        assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS))
                .isEqualTo(LakehouseJobs.BACKFILL_RESTART_ATTEMPTS);
        assertThat(env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE)).isEqualTo(RuntimeExecutionMode.BATCH);
    }
}

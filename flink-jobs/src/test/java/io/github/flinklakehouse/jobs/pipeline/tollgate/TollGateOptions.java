package io.github.flinklakehouse.jobs.pipeline.tollgate;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.github.flinklakehouse.jobs.config.OptionGroup;
import io.github.flinklakehouse.jobs.config.OptionReader;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/** The toll-gate pipeline's options, beside the shared ones. */
public final class TollGateOptions implements OptionGroup<TollGateSettings> {

    public static final TollGateOptions GROUP = new TollGateOptions();

    public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS = key("tollgate.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofMinutes(1)).withDescription("Watermark lag of gate passages.");
    public static final ConfigOption<Duration> ALLOWED_LATENESS = key("tollgate.allowed-lateness")
            .durationType().defaultValue(Duration.ofMinutes(10))
            .withDescription("How late a passage may arrive and still count.");

    private TollGateOptions() {
    }

    @Override
    public String title() {
        return "Pipeline tollgate";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return List.of(MAX_OUT_OF_ORDERNESS, ALLOWED_LATENESS);
    }

    @Override
    public TollGateSettings read(OptionReader reader) {
        return new TollGateSettings(reader.notNegative(MAX_OUT_OF_ORDERNESS), reader.notNegative(ALLOWED_LATENESS));
    }
}

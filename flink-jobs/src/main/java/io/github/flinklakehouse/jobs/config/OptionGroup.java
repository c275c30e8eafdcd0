package io.github.flinklakehouse.jobs.config;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * The options of one component (the shared connections, backfills, replays, or one pipeline) and how they become
 * its typed, immutable settings.
 *
 * @param <S> the settings type
 */
public interface OptionGroup<S> {

    /** The heading {@code --help} lists the options under, e.g. {@code Pipeline clickstream}. */
    String title();

    /** Every option of the group, in the order {@code --help} lists them. */
    List<ConfigOption<?>> options();

    /** Keys that may only come from the environment or a file, and are redacted when printed. */
    default List<String> secretKeys() {
        return List.of();
    }

    /** Reads the settings; every problem goes to {@code reader} (reported together), never thrown. */
    S read(OptionReader reader);
}

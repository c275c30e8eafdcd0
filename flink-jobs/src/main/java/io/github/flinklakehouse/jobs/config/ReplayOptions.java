package io.github.flinklakehouse.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * The options of a pipeline's replay job ({@code --job <pipeline>-replay}): which rejected records to re-read. The
 * reason codes that may be replayed are the pipeline's (its replay job checks them).
 */
public final class ReplayOptions implements OptionGroup<ReplaySettings> {

    /** The group, for {@link ConfigLoader}. */
    public static final ReplayOptions GROUP = new ReplayOptions();

    public static final ConfigOption<String> REPLAY_REASON = key("replay.reason")
            .stringType().noDefaultValue()
            .withDescription("replay jobs only: the reason code of the rejected records to re-read, e.g. OVERSIZED.");
    public static final ConfigOption<String> REPLAY_SEEN_FROM = key("replay.seen-from")
            .stringType().noDefaultValue()
            .withDescription("replay jobs only: ISO-8601 instant; only records first seen at or after it.");
    public static final ConfigOption<String> REPLAY_SEEN_UNTIL = key("replay.seen-until")
            .stringType().noDefaultValue()
            .withDescription("replay jobs only: ISO-8601 instant; only records first seen before it.");

    /** Every replay option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(REPLAY_REASON, REPLAY_SEEN_FROM, REPLAY_SEEN_UNTIL);

    private ReplayOptions() {
    }

    @Override
    public String title() {
        return "Replays (--job <pipeline>-replay)";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    @Override
    public ReplaySettings read(OptionReader v) {
        return new ReplaySettings(v.optional(REPLAY_REASON).orElse(null),
                v.optional(REPLAY_SEEN_FROM).map(t -> v.instant(REPLAY_SEEN_FROM)).orElse(null),
                v.optional(REPLAY_SEEN_UNTIL).map(t -> v.instant(REPLAY_SEEN_UNTIL)).orElse(null));
    }
}

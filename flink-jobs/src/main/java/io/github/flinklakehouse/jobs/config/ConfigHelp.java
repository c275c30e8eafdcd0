package io.github.flinklakehouse.jobs.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

/** Renders every option (key, default, environment variable, description) for {@code --help}, from the options themselves. */
public final class ConfigHelp {

    private ConfigHelp() {
    }

    /** Returns the options table as plain text. */
    public static String render() {
        StringBuilder text = new StringBuilder();
        text.append("Options (precedence: defaults < --config file < environment < --key value):\n");
        for (ConfigOption<?> option : LakehouseOptions.ALL) {
            boolean secret = LakehouseOptions.SECRET_KEYS.contains(option.key());
            text.append(String.format("  --%-34s default: %s%n", option.key(), defaultOf(option)));
            text.append(String.format("      env: %s%s%n", LakehouseOptions.envName(option.key()),
                    secret ? "  (secret: environment or --config file only)" : ""));
            text.append("      ").append(new HtmlFormatter().format(option.description())).append('\n');
        }
        return text.toString();
    }

    private static String defaultOf(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return "(see description)";
        }
        Object value = option.defaultValue();
        if (value instanceof Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(java.util.Locale.ROOT);
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "(empty)" : text;
    }
}

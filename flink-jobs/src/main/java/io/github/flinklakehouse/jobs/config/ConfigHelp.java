package io.github.flinklakehouse.jobs.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

/**
 * Renders every option (key, default, environment variable, description) of some option groups for {@code --help},
 * group by group, from the options themselves.
 */
public final class ConfigHelp {

    private ConfigHelp() {
    }

    /** Returns the options table of {@code groups} as plain text. */
    public static String render(List<OptionGroup<?>> groups) {
        StringBuilder text = new StringBuilder();
        text.append("Options (precedence: defaults < --config file < environment < --key value):\n");
        for (OptionGroup<?> group : groups) {
            text.append('\n').append(group.title()).append(":\n");
            for (ConfigOption<?> option : group.options()) {
                boolean secret = group.secretKeys().contains(option.key());
                text.append(String.format("  --%-34s default: %s%n", option.key(), defaultOf(option)));
                text.append(String.format("      env: %s%s%n", SharedOptions.envName(option.key()),
                        secret ? "  (secret: environment or --config file only)" : ""));
                for (FallbackKey deprecated : option.fallbackKeys()) {
                    text.append(String.format("      deprecated key: %s (env %s)%n", deprecated.getKey(),
                            SharedOptions.envName(deprecated.getKey())));
                }
                text.append("      ").append(new HtmlFormatter().format(option.description())).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Returns the options of {@code groups} as Markdown, one table per group: the README's configuration section is
     * this text (a test keeps them equal).
     */
    public static String markdown(List<OptionGroup<?>> groups) {
        StringBuilder text = new StringBuilder();
        for (OptionGroup<?> group : groups) {
            text.append("\n**").append(markdownText(group.title())).append("**\n\n")
                    .append("| key | environment | default | meaning |\n|---|---|---|---|\n");
            for (ConfigOption<?> option : group.options()) {
                String meaning = new HtmlFormatter().format(option.description());
                for (FallbackKey deprecated : option.fallbackKeys()) {
                    meaning += " Deprecated key: `" + deprecated.getKey() + "`.";
                }
                text.append(String.format("| `%s` | `%s` | %s | %s |%n", option.key(),
                        SharedOptions.envName(option.key()), defaultOf(option), markdownText(meaning)));
            }
        }
        return text.toString();
    }

    /** Text that Markdown shows as is inside a table: no cell breaks, no HTML tags. */
    private static String markdownText(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;");
    }

    /** The default of {@code option} as {@code --help} prints it. */
    public static String defaultOf(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return "(see description)";
        }
        Object value = option.defaultValue();
        if (value instanceof Duration duration) {
            return TimeUtils.formatWithHighestUnit(duration);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(";"));
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        String text = String.valueOf(value);
        return text.isEmpty() ? "(empty)" : text;
    }
}

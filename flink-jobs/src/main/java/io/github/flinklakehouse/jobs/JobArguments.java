package io.github.flinklakehouse.jobs;

import io.github.flinklakehouse.jobs.config.ConfigException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point's command line: {@code --job <name> [--config <file>] [--<key> <value> | --<key>=<value> ...] [--help]}.
 *
 * @param job the job name, empty when absent
 * @param configFile the properties file, when given
 * @param options every other {@code --key value} pair, validated later by the config loader
 * @param help whether {@code --help} or {@code -h} was given
 */
public record JobArguments(Optional<String> job, Optional<Path> configFile, Map<String, String> options, boolean help) {

    /** Parses {@code args}; a value-less option or a stray word fails with a message saying the expected form. */
    public static JobArguments parse(String[] args) {
        Optional<String> job = Optional.empty();
        Optional<Path> configFile = Optional.empty();
        Map<String, String> options = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("Unexpected argument '" + arg + "'; expected --job <name> [--config <file>] [--<key> <value> ...]");
            }
            String key;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                key = arg.substring(2, equals);
                value = arg.substring(equals + 1);
            } else {
                key = arg.substring(2);
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new ConfigException("Option --" + key + " needs a value");
                }
                value = args[++i];
            }
            switch (key) {
                case "job" -> job = Optional.of(value);
                case "config" -> configFile = Optional.of(Path.of(value));
                default -> options.put(key, value);
            }
        }
        return new JobArguments(job, configFile, Collections.unmodifiableMap(options), help);
    }
}

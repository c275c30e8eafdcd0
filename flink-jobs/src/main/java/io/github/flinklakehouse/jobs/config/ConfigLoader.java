package io.github.flinklakehouse.jobs.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the {@link LakehouseConfig} once, with precedence defaults &lt; properties file &lt; environment
 * ({@code LAKEHOUSE_*}) &lt; command line, and validates it in one place: the shared, backfill, replay and maintenance options
 * and the option groups of the given pipelines.
 *
 * <p>Secrets are refused on the command line (they would show in process lists and the Flink web UI). A deprecated
 * key counts as its current key at its own layer (and is logged). Every problem found is reported together, each
 * naming its key and what is wrong.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** The groups every job loads. */
    public static final List<OptionGroup<?>> COMMON_GROUPS =
            List.of(SharedOptions.GROUP, BackfillOptions.GROUP, ReplayOptions.GROUP, MaintenanceOptions.GROUP);

    private ConfigLoader() {
    }

    /**
     * Loads and validates the configuration.
     *
     * @param commandLine {@code key -> value} given as {@code --key value} on the command line
     * @param configFile optional Java properties file
     * @param environment the process environment (usually {@code System.getenv()})
     * @param pipelineGroups the option groups of the pipelines whose settings to load
     * @throws ConfigException naming every unknown key, misplaced secret and invalid value
     */
    public static LakehouseConfig load(Map<String, String> commandLine, Optional<Path> configFile,
            Map<String, String> environment, List<OptionGroup<?>> pipelineGroups) {
        Keys keys = new Keys(groups(pipelineGroups));
        Map<String, String> layered = new HashMap<>();
        if (configFile.isPresent()) {
            layered.putAll(readFile(configFile.get(), keys));
        }
        layered.putAll(fromEnvironment(environment, keys));
        List<String> problems = new ArrayList<>();
        Map<String, String> fromCommandLine = new HashMap<>();
        commandLine.forEach((key, value) -> {
            String canonical = keys.canonical(key);
            if (canonical == null) {
                problems.add("Unknown option --" + key + ". Valid options: " + keys.valid());
            } else if (keys.secrets.contains(canonical)) {
                problems.add("--" + key + " is a secret and is not accepted on the command line; set "
                        + SharedOptions.envName(canonical) + " in the environment or put " + canonical
                        + "=... in the --config file");
            } else {
                putCanonical(fromCommandLine, key, canonical, value);
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        layered.putAll(fromCommandLine);

        OptionReader reader = new OptionReader(Configuration.fromMap(layered));
        SharedSettings shared = SharedOptions.GROUP.read(reader);
        BackfillSettings backfill = BackfillOptions.GROUP.read(reader);
        ReplaySettings replay = ReplayOptions.GROUP.read(reader);
        MaintenanceSettings maintenance = MaintenanceOptions.GROUP.read(reader);
        Map<String, Object> pipelines = new LinkedHashMap<>();
        for (OptionGroup<?> group : pipelineGroups) {
            Object settings = group.read(reader);
            if (settings != null) {
                pipelines.put(group.title(), settings);
            }
        }
        reader.throwIfInvalid();
        return new LakehouseConfig(shared, backfill, replay, maintenance, pipelines);
    }

    /** Every valid key of the common groups and {@code pipelineGroups}, comma-separated. */
    public static String validKeys(List<OptionGroup<?>> pipelineGroups) {
        return new Keys(groups(pipelineGroups)).valid();
    }

    /** The common groups followed by {@code pipelineGroups}. */
    public static List<OptionGroup<?>> groups(List<OptionGroup<?>> pipelineGroups) {
        List<OptionGroup<?>> all = new ArrayList<>(COMMON_GROUPS);
        all.addAll(pipelineGroups);
        return all;
    }

    private static Map<String, String> readFile(Path file, Keys keys) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            String canonical = keys.canonical(key);
            if (canonical == null) {
                unknown.add(key);
            } else {
                putCanonical(values, key, canonical, properties.getProperty(key).trim());
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("Unknown keys " + unknown + " in config file " + file + ". Valid keys: "
                    + keys.valid());
        }
        return values;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> environment, Keys keys) {
        Map<String, String> values = new HashMap<>();
        keys.canonicalByKey.forEach((key, canonical) -> {
            String value = environment.get(SharedOptions.envName(key));
            if (value != null) {
                putCanonical(values, key, canonical, value);
            }
        });
        return values;
    }

    /** Puts a value under its current key; at one layer the current key wins over a deprecated one. */
    private static void putCanonical(Map<String, String> values, String key, String canonical, String value) {
        if (key.equals(canonical)) {
            values.put(canonical, value);
        } else {
            LOG.warn("Option {} is deprecated; use {}", key, canonical);
            values.putIfAbsent(canonical, value);
        }
    }

    /** Every key of some groups (deprecated ones too), the current key of each, and the secret keys. */
    private static final class Keys {
        private final Map<String, String> canonicalByKey = new LinkedHashMap<>();
        private final Set<String> secrets;
        private final List<String> current = new ArrayList<>();

        Keys(List<OptionGroup<?>> groups) {
            for (OptionGroup<?> group : groups) {
                for (ConfigOption<?> option : group.options()) {
                    current.add(option.key());
                    canonicalByKey.put(option.key(), option.key());
                    for (FallbackKey fallback : option.fallbackKeys()) {
                        canonicalByKey.putIfAbsent(fallback.getKey(), option.key());
                    }
                }
            }
            secrets = groups.stream().flatMap(group -> group.secretKeys().stream()).collect(Collectors.toSet());
        }

        String canonical(String key) {
            return canonicalByKey.get(key);
        }

        String valid() {
            return String.join(", ", current);
        }
    }
}

package io.github.flinklakehouse.jobs.config;

import static io.github.flinklakehouse.jobs.config.LakehouseOptions.*;

import io.github.flinklakehouse.catalog.CatalogSettings;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Loads the {@link LakehouseConfig} once, with precedence defaults &lt; properties file &lt; environment
 * ({@code LAKEHOUSE_*}) &lt; command line, and validates it in one place.
 *
 * <p>Secrets are refused on the command line (they would show in process lists and the Flink web UI).
 * Every problem found is reported together, each naming its key and what is wrong.
 */
public final class ConfigLoader {

    /** Kafka's default largest message; a bigger limit could never be reached. */
    private static final int MAX_PAYLOAD_LIMIT = 1024 * 1024;
    private static final int MAX_TOP_N = 1_000;

    private static final Set<String> KNOWN_KEYS =
            ALL.stream().map(ConfigOption::key).collect(Collectors.toUnmodifiableSet());

    private ConfigLoader() {
    }

    /**
     * Loads and validates the configuration.
     *
     * @param commandLine {@code key -> value} given as {@code --key value} on the command line
     * @param configFile optional Java properties file
     * @param environment the process environment (usually {@code System.getenv()})
     * @throws ConfigException naming every unknown key, misplaced secret and invalid value
     */
    public static LakehouseConfig load(Map<String, String> commandLine, Optional<Path> configFile,
            Map<String, String> environment) {
        Map<String, String> layered = new HashMap<>();
        if (configFile.isPresent()) {
            layered.putAll(readFile(configFile.get()));
        }
        for (ConfigOption<?> option : ALL) {
            String fromEnv = environment.get(envName(option.key()));
            if (fromEnv != null) {
                layered.put(option.key(), fromEnv);
            }
        }
        List<String> problems = new ArrayList<>();
        commandLine.forEach((key, value) -> {
            if (!KNOWN_KEYS.contains(key)) {
                problems.add("Unknown option --" + key + ". Valid options: " + validKeys());
            } else if (SECRET_KEYS.contains(key)) {
                problems.add("--" + key + " is a secret and is not accepted on the command line; set "
                        + envName(key) + " in the environment or put " + key + "=... in the --config file");
            } else {
                layered.put(key, value);
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException(String.join("\n", problems));
        }
        return validate(Configuration.fromMap(layered));
    }

    /** Loads the defaults only (what the local stack expects). */
    public static LakehouseConfig defaults() {
        return load(Map.of(), Optional.empty(), Map.of());
    }

    /** Returns every valid key, comma-separated. */
    public static String validKeys() {
        return ALL.stream().map(ConfigOption::key).collect(Collectors.joining(", "));
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String key : properties.stringPropertyNames()) {
            if (KNOWN_KEYS.contains(key)) {
                values.put(key, properties.getProperty(key).trim());
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ConfigException("Unknown keys " + unknown + " in config file " + file + ". Valid keys: " + validKeys());
        }
        return values;
    }

    private static LakehouseConfig validate(Configuration conf) {
        Validator v = new Validator(conf);
        KafkaSettings kafka = new KafkaSettings(
                v.nonBlank(KAFKA_BOOTSTRAP_SERVERS), v.nonBlank(KAFKA_TOPIC), v.nonBlank(KAFKA_GROUP_ID),
                v.get(KAFKA_STARTING_OFFSETS));
        String catalogUrl = v.jdbcUrl(CATALOG_JDBC_URL);
        String catalogUser = v.nonBlank(CATALOG_JDBC_USER);
        String catalogPassword = v.get(CATALOG_JDBC_PASSWORD);
        CatalogSettings catalog = new CatalogSettings(
                v.nonBlank(CATALOG_NAME), catalogUrl, catalogUser, catalogPassword,
                v.prefixed(CATALOG_WAREHOUSE, "s3://"), v.prefixed(S3_ENDPOINT, "http://", "https://"),
                v.nonBlank(S3_ACCESS_KEY), v.get(S3_SECRET_KEY), v.nonBlank(S3_REGION), v.get(S3_PATH_STYLE_ACCESS));
        Duration flushInterval = v.positive(MARTS_FLUSH_INTERVAL);
        MartsSettings marts = new MartsSettings(
                new JdbcConnectionSettings(
                        conf.getOptional(MARTS_JDBC_URL).map(u -> v.jdbcUrl(MARTS_JDBC_URL)).orElse(catalogUrl),
                        conf.getOptional(MARTS_JDBC_USER).orElse(catalogUser),
                        conf.getOptional(MARTS_JDBC_PASSWORD).orElse(catalogPassword)),
                v.identifier(MARTS_SCHEMA), flushInterval);
        int maxPayloadBytes = v.between(CLICKSTREAM_MAX_PAYLOAD_BYTES, 64, MAX_PAYLOAD_LIMIT);
        Duration futureTolerance = v.notNegative(CLICKSTREAM_FUTURE_TOLERANCE);
        Instant oldestEventTime = v.instant(CLICKSTREAM_OLDEST_EVENT_TIME);
        Duration maxOutOfOrderness = v.notNegative(CLICKSTREAM_MAX_OUT_OF_ORDERNESS);
        Duration idleness = v.positive(CLICKSTREAM_IDLENESS);
        Duration allowedLateness = v.notNegative(CLICKSTREAM_ALLOWED_LATENESS);
        Duration dedupeHorizon = v.positive(CLICKSTREAM_DEDUPE_HORIZON);
        int popularTopN = v.between(MARTS_POPULAR_TOP_N, 1, MAX_TOP_N);
        int trendingTopN = v.between(MARTS_TRENDING_TOP_N, 1, MAX_TOP_N);
        Duration trendingWindow = v.positive(MARTS_TRENDING_WINDOW);
        Duration trendingRefresh = v.positive(MARTS_TRENDING_REFRESH);
        boolean bothPositive = trendingWindow != null && trendingRefresh != null && trendingRefresh.toMillis() > 0;
        v.check(!bothPositive || trendingWindow.toMillis() % trendingRefresh.toMillis() == 0,
                MARTS_TRENDING_REFRESH, "must divide " + MARTS_TRENDING_WINDOW.key() + " (" + trendingWindow + ")");
        Duration sessionTimeout = v.positive(MARTS_SESSION_TIMEOUT);
        PipelineSettings pipeline = new PipelineSettings(
                v.positive(PIPELINE_CHECKPOINT_INTERVAL), v.parallelism(PIPELINE_PARALLELISM));
        ReplaySettings replay = new ReplaySettings(replayReason(v, conf),
                conf.getOptional(REPLAY_SEEN_FROM).map(t -> v.instant(REPLAY_SEEN_FROM)).orElse(null),
                conf.getOptional(REPLAY_SEEN_UNTIL).map(t -> v.instant(REPLAY_SEEN_UNTIL)).orElse(null));
        BackfillSettings backfill = backfill(v, conf);
        v.throwIfInvalid();
        ClickstreamSettings clickstream = new ClickstreamSettings(maxOutOfOrderness, idleness, allowedLateness,
                flushInterval, new EventValidation(maxPayloadBytes, futureTolerance, oldestEventTime), dedupeHorizon,
                new ClickstreamMartSettings(popularTopN, trendingTopN, trendingWindow, trendingRefresh, sessionTimeout));
        return new LakehouseConfig(kafka, catalog, marts, clickstream, pipeline, replay, backfill);
    }

    private static BackfillSettings backfill(Validator v, Configuration conf) {
        BackfillSource source = v.get(BACKFILL_SOURCE);
        Instant from = conf.getOptional(BACKFILL_FROM).map(t -> v.rangeBound(BACKFILL_FROM)).orElse(null);
        Instant until = conf.getOptional(BACKFILL_UNTIL).map(t -> v.rangeBound(BACKFILL_UNTIL)).orElse(null);
        boolean ordered = from == null || until == null || from.isBefore(until);
        v.check(ordered, BACKFILL_UNTIL, "must be after " + BACKFILL_FROM.key() + " (" + from + ")");
        String files = conf.getOptional(BACKFILL_FILES).orElse(null);
        v.check(source != BackfillSource.FILES || (files != null && !files.isBlank()), BACKFILL_FILES,
                "is required by --backfill.source files");
        Boolean writeLake = conf.getOptional(BACKFILL_WRITE_LAKE).orElse(null);
        v.check(source != BackfillSource.LAKE || !Boolean.TRUE.equals(writeLake), BACKFILL_WRITE_LAKE,
                "cannot be true for --backfill.source lake: its events are already in the lake");
        return new BackfillSettings(source, files, ordered ? new EventTimeRange(from, until) : EventTimeRange.ALL,
                writeLake, v.nonBlank(BACKFILL_KAFKA_START), v.nonBlank(BACKFILL_KAFKA_STOP));
    }

    /**
     * The reason to replay, when given: a validation failure that a fix can cure. DUPLICATE_EVENT_ID and LATE
     * records were valid events (the original or the event itself is already in the raw table), so replaying
     * them would count them twice.
     */
    private static String replayReason(Validator v, Configuration conf) {
        String reason = conf.getOptional(REPLAY_REASON).orElse(null);
        if (reason == null) {
            return null;
        }
        List<String> replayable = java.util.Arrays.stream(RejectReason.values())
                .filter(RejectReason::replayable).map(Enum::name).toList();
        v.check(replayable.contains(reason), REPLAY_REASON,
                "must be one of " + String.join(", ", replayable) + " but was '" + reason + "'");
        return reason;
    }

    /** Reads options, collecting every problem instead of stopping at the first. */
    private static final class Validator {
        private final Configuration conf;
        private final List<String> problems = new ArrayList<>();

        Validator(Configuration conf) {
            this.conf = conf;
        }

        <T> T get(ConfigOption<T> option) {
            return read(option, () -> conf.get(option));
        }

        String nonBlank(ConfigOption<String> option) {
            String value = get(option);
            check(value != null && !value.isBlank(), option, "must not be empty");
            return value;
        }

        String jdbcUrl(ConfigOption<String> option) {
            return prefixed(option, "jdbc:postgresql:");
        }

        String prefixed(ConfigOption<String> option, String... prefixes) {
            String value = nonBlank(option);
            boolean ok = value != null && java.util.Arrays.stream(prefixes).anyMatch(value::startsWith);
            check(ok, option, "must start with " + String.join(" or ", prefixes) + " but was '" + value + "'");
            return value;
        }

        String identifier(ConfigOption<String> option) {
            String value = nonBlank(option);
            check(value != null && value.matches("[a-z_][a-z0-9_]*"), option,
                    "must be a lower-case SQL identifier but was '" + value + "'");
            return value;
        }

        Duration positive(ConfigOption<Duration> option) {
            Duration value = get(option);
            check(value == null || (!value.isNegative() && !value.isZero()), option, "must be greater than 0");
            return value;
        }

        Duration notNegative(ConfigOption<Duration> option) {
            Duration value = get(option);
            check(value == null || !value.isNegative(), option, "must not be negative");
            return value;
        }

        int between(ConfigOption<Integer> option, int min, int max) {
            Integer value = get(option);
            check(value == null || (value >= min && value <= max), option,
                    "must be between " + min + " and " + max + " but was " + value);
            return value == null ? min : value;
        }

        Instant instant(ConfigOption<String> option) {
            String value = nonBlank(option);
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException | NullPointerException e) {
                check(false, option, "must be an ISO-8601 instant such as 2000-01-01T00:00:00Z but was '" + value + "'");
                return Instant.EPOCH;
            }
        }

        Instant rangeBound(ConfigOption<String> option) {
            String value = nonBlank(option);
            try {
                return EventTimeRange.parseBound(value);
            } catch (IllegalArgumentException | NullPointerException e) {
                check(false, option, "must be a UTC date such as 2019-10-01 or an ISO-8601 instant but was '" + value + "'");
                return null;
            }
        }

        int parallelism(ConfigOption<Integer> option) {
            Integer value = get(option);
            check(value == null || (value >= 1 && value <= 128), option, "must be between 1 and 128 (the max parallelism)");
            return value == null ? 1 : value;
        }

        void throwIfInvalid() {
            if (!problems.isEmpty()) {
                throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
            }
        }

        private <T> T read(ConfigOption<T> option, Supplier<T> reader) {
            try {
                return reader.get();
            } catch (IllegalArgumentException e) {
                String raw = conf.toMap().get(option.key());
                problems.add(option.key() + ": cannot read '" + raw + "' (" + e.getMessage() + ")");
                return null;
            }
        }

        void check(boolean ok, ConfigOption<?> option, String what) {
            if (!ok && problems.stream().noneMatch(p -> p.startsWith(option.key() + ":"))) {
                problems.add(option.key() + ": " + what);
            }
        }
    }
}

package io.github.flinklakehouse.jobs.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * Reads typed option values from the layered configuration, collecting every problem instead of stopping at the
 * first, each naming its key and what is wrong ({@link #throwIfInvalid}).
 */
public final class OptionReader {

    private final Configuration conf;
    private final List<String> problems = new ArrayList<>();

    OptionReader(Configuration conf) {
        this.conf = conf;
    }

    /** The value, or its default. */
    public <T> T get(ConfigOption<T> option) {
        return read(option, () -> conf.get(option));
    }

    /** The value when one was given (no default); empty, with the problem reported, when it cannot be read. */
    public <T> Optional<T> optional(ConfigOption<T> option) {
        Optional<T> value = read(option, () -> conf.getOptional(option));
        return value == null ? Optional.empty() : value;
    }

    public String nonBlank(ConfigOption<String> option) {
        String value = get(option);
        check(value != null && !value.isBlank(), option, "must not be empty");
        return value;
    }

    public String jdbcUrl(ConfigOption<String> option) {
        return prefixed(option, "jdbc:postgresql:");
    }

    public String prefixed(ConfigOption<String> option, String... prefixes) {
        String value = nonBlank(option);
        boolean ok = value != null && Arrays.stream(prefixes).anyMatch(value::startsWith);
        check(ok, option, "must start with " + String.join(" or ", prefixes) + " but was '" + value + "'");
        return value;
    }

    public String identifier(ConfigOption<String> option) {
        String value = nonBlank(option);
        check(value != null && value.matches("[a-z_][a-z0-9_]*"), option,
                "must be a lower-case SQL identifier but was '" + value + "'");
        return value;
    }

    public Duration positive(ConfigOption<Duration> option) {
        Duration value = get(option);
        check(value == null || (!value.isNegative() && !value.isZero()), option, "must be greater than 0");
        return value;
    }

    public Duration notNegative(ConfigOption<Duration> option) {
        Duration value = get(option);
        check(value == null || !value.isNegative(), option, "must not be negative");
        return value;
    }

    public int between(ConfigOption<Integer> option, int min, int max) {
        Integer value = get(option);
        check(value == null || (value >= min && value <= max), option,
                "must be between " + min + " and " + max + " but was " + value);
        return value == null ? min : value;
    }

    public Instant instant(ConfigOption<String> option) {
        String value = nonBlank(option);
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException | NullPointerException e) {
            check(false, option, "must be an ISO-8601 instant such as 2000-01-01T00:00:00Z but was '" + value + "'");
            return Instant.EPOCH;
        }
    }

    public Instant rangeBound(ConfigOption<String> option) {
        String value = nonBlank(option);
        try {
            return EventTimeRange.parseBound(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            check(false, option, "must be a UTC date such as 2019-10-01 or an ISO-8601 instant but was '" + value + "'");
            return null;
        }
    }

    public int parallelism(ConfigOption<Integer> option) {
        Integer value = get(option);
        check(value == null || (value >= 1 && value <= 128), option, "must be between 1 and 128 (the max parallelism)");
        return value == null ? 1 : value;
    }

    /** Records a problem of {@code option} unless {@code ok}; one problem per key is enough. */
    public void check(boolean ok, ConfigOption<?> option, String what) {
        if (!ok && problems.stream().noneMatch(p -> p.startsWith(option.key() + ":"))) {
            problems.add(option.key() + ": " + what);
        }
    }

    /** Whether a problem was recorded so far. */
    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new ConfigException("Invalid configuration:\n  " + String.join("\n  ", problems));
        }
    }

    private <T> T read(ConfigOption<?> option, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            String raw = conf.toMap().get(option.key());
            problems.add(option.key() + ": cannot read '" + raw + "' (" + e.getMessage() + ")");
            return null;
        }
    }
}

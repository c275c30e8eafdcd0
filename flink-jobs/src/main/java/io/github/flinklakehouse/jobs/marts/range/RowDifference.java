package io.github.flinklakehouse.jobs.marts.range;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One mart row of a range that differs between the target schema and the recomputed (staging) schema.
 *
 * <p>Values are {@code Long}, {@code Integer}, {@code BigDecimal}, {@code String}, {@code Boolean},
 * {@code LocalDate} (date columns) or {@code Instant} (timestamptz columns), or {@code null}.
 *
 * @param kind how the row differs
 * @param key the primary key, column to value
 * @param target the target's values: its whole row (without key and {@code updated_at}) for
 *     {@link Kind#UNEXPECTED_IN_TARGET}, the differing columns for {@link Kind#DIFFERENT}, empty otherwise
 * @param staging the recomputed values: the whole row for {@link Kind#MISSING_IN_TARGET}, the differing columns
 *     for {@link Kind#DIFFERENT}, empty otherwise
 */
public record RowDifference(
        Kind kind, Map<String, Object> key, Map<String, Object> target, Map<String, Object> staging) {

    /** How a row differs. */
    public enum Kind {
        /** The recomputation has the row, the target does not. */
        MISSING_IN_TARGET,
        /** The target has the row, the recomputation does not. */
        UNEXPECTED_IN_TARGET,
        /** Both have the key, with different values. */
        DIFFERENT
    }

    public RowDifference {
        Objects.requireNonNull(kind, "kind");
        // Copies that keep column order and allow SQL NULLs (Map.copyOf refuses null values).
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
        target = Collections.unmodifiableMap(new LinkedHashMap<>(target));
        staging = Collections.unmodifiableMap(new LinkedHashMap<>(staging));
    }

    /** One line, e.g. {@code DIFFERENT event_date=2019-10-01, hour=5: events target=10 staging=12}. */
    public String render() {
        String keyText = render(key);
        return switch (kind) {
            case MISSING_IN_TARGET -> "missing in target    " + keyText + ": " + render(staging);
            case UNEXPECTED_IN_TARGET -> "unexpected in target " + keyText + ": " + render(target);
            case DIFFERENT -> "different            " + keyText + ": " + target.keySet().stream()
                    .map(column -> column + " target=" + target.get(column) + " staging=" + staging.get(column))
                    .collect(Collectors.joining(", "));
        };
    }

    private static String render(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}

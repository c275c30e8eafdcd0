package io.github.flinklakehouse.jobs.quality;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a data-quality rule checks on one field. Row checks ({@link #keyed()} false) judge a value alone; keyed checks
 * ({@link Unique}, {@link SeenBefore}) compare it with earlier records of the same value, in keyed state.
 *
 * <p>Every check but {@link NotNull} skips a {@code null} value (neither checked nor counted): a missing value is
 * the business of a {@code not-null} rule, as in SQL {@code CHECK} constraints.
 */
public sealed interface QualityCheck extends Serializable {

    /** Whether the check needs the earlier records of the value (keyed state) rather than the value alone. */
    default boolean keyed() {
        return false;
    }

    /** The field kinds the check can be applied to. */
    Set<FieldKind> kinds();

    /**
     * Whether {@code value} passes a row check.
     *
     * @param value the field's value, non-null except for {@link NotNull}
     * @param receivedAt when the source received the record, epoch millis
     */
    default boolean passes(Object value, long receivedAt) {
        throw new UnsupportedOperationException(this + " is a keyed check");
    }

    /** The value is present. */
    record NotNull() implements QualityCheck {
        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.values());
        }

        @Override
        public boolean passes(Object value, long receivedAt) {
            return value != null && !(value instanceof String text && text.isEmpty());
        }
    }

    /** A number between {@code min} and {@code max}, both inclusive; a {@code null} bound is open. */
    record Range(BigDecimal min, BigDecimal max) implements QualityCheck {
        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.NUMBER);
        }

        @Override
        public boolean passes(Object value, long receivedAt) {
            BigDecimal number = asDecimal(value);
            return (min == null || number.compareTo(min) >= 0) && (max == null || number.compareTo(max) <= 0);
        }

        private static BigDecimal asDecimal(Object value) {
            if (value instanceof BigDecimal decimal) {
                return decimal;
            }
            if (value instanceof Long || value instanceof Integer) {
                return BigDecimal.valueOf(((Number) value).longValue());
            }
            return new BigDecimal(value.toString());
        }
    }

    /** One of the listed values (compared as text, case-sensitive). */
    record AllowedValues(List<String> values) implements QualityCheck {
        public AllowedValues {
            values = List.copyOf(values);
        }

        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.TEXT, FieldKind.NUMBER);
        }

        @Override
        public boolean passes(Object value, long receivedAt) {
            return values.contains(text(value));
        }
    }

    /** The whole value (as text) matches {@code pattern}. */
    record Matches(Pattern pattern) implements QualityCheck {
        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.values());
        }

        @Override
        public boolean passes(Object value, long receivedAt) {
            return pattern.matcher(text(value)).matches();
        }
    }

    /**
     * A time no more than {@code maxAge} before and no more than {@code maxAhead} after the moment the source
     * received the record (its Kafka timestamp, a file's modification time): the same verdict in the live job, a
     * backfill and a replay, unlike the wall clock or the watermark.
     */
    record Fresh(Duration maxAge, Duration maxAhead) implements QualityCheck {
        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.TIME);
        }

        @Override
        public boolean passes(Object value, long receivedAt) {
            long time = ((Instant) value).toEpochMilli();
            return time >= receivedAt - maxAge.toMillis() && time <= receivedAt + maxAhead.toMillis();
        }
    }

    /** No other record with the same value within {@code window} of event time (the later ones fail). */
    record Unique(Duration window) implements QualityCheck {
        @Override
        public boolean keyed() {
            return true;
        }

        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.TEXT, FieldKind.NUMBER);
        }
    }

    /**
     * Referential: the value appeared in an earlier record (any record reaching the check, checked or not) at most
     * {@code window} of event time before; e.g. a purchase's product was seen before.
     */
    record SeenBefore(Duration window) implements QualityCheck {
        @Override
        public boolean keyed() {
            return true;
        }

        @Override
        public Set<FieldKind> kinds() {
            return Set.of(FieldKind.TEXT, FieldKind.NUMBER);
        }
    }

    /** The text form of a value: a number without exponent, a time as ISO-8601. */
    static String text(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and writes event times in the dataset form ({@code 2019-10-01 00:00:00 UTC}) and two other forms. */
public final class EventTimes {

    /** The dataset's own form: {@code yyyy-MM-dd HH:mm:ss UTC}. */
    public static final DateTimeFormatter DATASET_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

    private EventTimes() {
    }

    /** Formats an instant the way the dataset does (second precision, fractions dropped). */
    public static String format(Instant instant) {
        return DATASET_FORMAT.format(instant);
    }

    /** Parses the dataset form, ISO-8601 with an offset or {@code Z}, or epoch milliseconds. */
    public static Optional<Instant> parse(String text) {
        String value = text.trim();
        if (EPOCH_MILLIS.matcher(value).matches()) {
            try {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(LocalDateTime.parse(value, DATASET_FORMAT).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notDatasetForm) {
            // fall through to ISO-8601
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }
}

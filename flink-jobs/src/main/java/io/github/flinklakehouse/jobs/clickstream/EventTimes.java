package io.github.flinklakehouse.jobs.clickstream;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * Reads and writes event times in the dataset form ({@code 2019-10-01 00:00:00 UTC}) and two other forms.
 *
 * <p>Every form is read strictly: a date or time that does not exist ({@code 2019-02-30}, {@code 24:00:00}) is no
 * event time, never silently moved to a nearby one.
 */
public final class EventTimes {

    /** The dataset's own form: {@code yyyy-MM-dd HH:mm:ss UTC}. */
    public static final DateTimeFormatter DATASET_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC)
            .withResolverStyle(ResolverStyle.STRICT);

    private static final int DATASET_LENGTH = "2019-10-01 00:00:00 UTC".length();
    private static final int MAX_EPOCH_DIGITS = 19;

    private EventTimes() {
    }

    /** Formats an instant the way the dataset does (second precision, fractions dropped). */
    public static String format(Instant instant) {
        return DATASET_FORMAT.format(instant);
    }

    /** Parses the dataset form, ISO-8601 with an offset or {@code Z}, or epoch milliseconds. */
    public static Optional<Instant> parse(String text) {
        String value = text.trim();
        if (isEpochMillis(value)) {
            try {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(value)));
            } catch (NumberFormatException tooLarge) {
                return Optional.empty();
            }
        }
        if (value.length() == DATASET_LENGTH && value.endsWith(" UTC")) {
            return datasetForm(value);
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notIso) {
            return Optional.empty();
        }
    }

    private static boolean isEpochMillis(String value) {
        int start = !value.isEmpty() && value.charAt(0) == '-' ? 1 : 0;
        if (value.length() == start || value.length() - start > MAX_EPOCH_DIGITS) {
            return false;
        }
        for (int i = start; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code yyyy-MM-dd HH:mm:ss UTC} read digit by digit (the hot path of every dataset row). */
    private static Optional<Instant> datasetForm(String value) {
        if (value.charAt(4) != '-' || value.charAt(7) != '-' || value.charAt(10) != ' ' || value.charAt(13) != ':'
                || value.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException noSuchTime) {
            return Optional.empty();
        }
    }

    /** The number of {@code length} decimal digits at {@code from}, or -1 when one of them is no digit. */
    private static int digits(String value, int from, int length) {
        int number = 0;
        for (int i = from; i < from + length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            number = number * 10 + (c - '0');
        }
        return number;
    }
}

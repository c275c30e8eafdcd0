package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An event field that describes the user rather than the action, and so may be tracked as a {@code dim_user}
 * attribute: the text fields of the event contract that a user keeps from event to event.
 */
public enum UserAttribute {
    DEVICE(ClickEvent::device),
    COUNTRY(ClickEvent::country),
    REGION(ClickEvent::region);

    private final Function<ClickEvent, String> reader;

    UserAttribute(Function<ClickEvent, String> reader) {
        this.reader = reader;
    }

    /** The contract field name, which is also the {@code dim_user} column name. */
    public String field() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The attribute's value in {@code event}, or {@code null} when the event does not carry it. */
    public String of(ClickEvent event) {
        return reader.apply(event);
    }

    /** The attribute whose field is {@code field} (trimmed, case-insensitive). */
    public static Optional<UserAttribute> byField(String field) {
        return Arrays.stream(values()).filter(a -> a.field().equalsIgnoreCase(field.trim())).findFirst();
    }

    /** Every field name, comma-separated (for error messages). */
    public static String fields() {
        return Arrays.stream(values()).map(UserAttribute::field).collect(Collectors.joining(", "));
    }
}

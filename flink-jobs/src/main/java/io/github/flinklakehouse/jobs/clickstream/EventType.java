package io.github.flinklakehouse.jobs.clickstream;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of user action a clickstream event records; anything else is rejected, never guessed. */
public enum EventType {
    VIEW,
    CART,
    REMOVE_FROM_CART,
    PURCHASE,
    SEARCH,
    FAVORITE;

    /** Returns the name used in the dataset and on the wire, e.g. {@code remove_from_cart}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Finds the type whose {@link #code()} equals {@code code} exactly (the dataset is lower case). */
    public static Optional<EventType> fromCode(String code) {
        return Arrays.stream(values()).filter(type -> type.code().equals(code)).findFirst();
    }
}

package io.github.flinklakehouse.jobs.clickstream;

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

    private final String code = name().toLowerCase(Locale.ROOT);

    /** Returns the name used in the dataset and on the wire, e.g. {@code remove_from_cart}. */
    public String code() {
        return code;
    }

    /** Finds the type whose {@link #code()} equals {@code code} exactly (the dataset is lower case). */
    public static Optional<EventType> fromCode(String code) {
        return Optional.ofNullable(switch (code) {
            case "view" -> VIEW;
            case "cart" -> CART;
            case "remove_from_cart" -> REMOVE_FROM_CART;
            case "purchase" -> PURCHASE;
            case "search" -> SEARCH;
            case "favorite" -> FAVORITE;
            default -> null;
        });
    }
}

package io.github.flinklakehouse.jobs.clickstream.marts;

import java.util.Locale;

/**
 * How {@code category_daily} groups a dotted {@code category_code} such as {@code electronics.smartphone}:
 * by its top level ({@code electronics}) or by the whole code.
 */
public enum CategoryLevel {
    /** The code up to the first '.', or the whole code when it has none. */
    TOP,
    /** The whole code. */
    FULL;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The value stored in the {@code level} column. */
    public String label() {
        return label;
    }

    /** Returns the category of {@code categoryCode} at this level; a missing code ({@code null}) is {@code ""}. */
    public String categoryOf(String categoryCode) {
        if (categoryCode == null) {
            return "";
        }
        int dot = categoryCode.indexOf('.');
        return this == TOP && dot >= 0 ? categoryCode.substring(0, dot) : categoryCode;
    }
}

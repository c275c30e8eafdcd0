package io.github.flinklakehouse.jobs.clickstream.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * A declared text form of a numeric id, such as {@code u######} for user ids like {@code u000123}: a fixed prefix
 * followed by exactly {@code width} decimal digits.
 *
 * <p>The mapping is one-to-one: {@code u000123} is the id 123 and 123 is written back as {@code u000123}, so no text
 * id is lost by carrying it as a number ({@link #toText}). A value of any other shape ({@code u123}, {@code U000123},
 * {@code u00012a}) does not match and is rejected, never guessed.
 *
 * @param prefix text before the digits (may be empty)
 * @param width number of digits, 1 to 18 (every such number fits a signed 64-bit id)
 */
public record IdPattern(String prefix, int width) implements Serializable {

    /** The most digits a pattern may have: 18 nines still fit a {@code long}. */
    public static final int MAX_WIDTH = 18;

    public IdPattern {
        Objects.requireNonNull(prefix, "prefix");
        if (width < 1 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("an id pattern has 1 to " + MAX_WIDTH + " digits (#), not " + width);
        }
        if (prefix.indexOf('#') >= 0) {
            throw new IllegalArgumentException("the digits (#) of an id pattern must all come after its prefix");
        }
    }

    /** Reads {@code <prefix>#...#}, e.g. {@code u######}; throws {@link IllegalArgumentException} naming the fault. */
    public static IdPattern parse(String pattern) {
        String text = Objects.requireNonNull(pattern, "pattern").trim();
        int firstHash = text.indexOf('#');
        if (firstHash < 0) {
            throw new IllegalArgumentException("an id pattern needs its digits as # (e.g. u######), got '" + text + "'");
        }
        for (int i = firstHash; i < text.length(); i++) {
            if (text.charAt(i) != '#') {
                throw new IllegalArgumentException("the digits (#) of an id pattern must end it, got '" + text + "'");
            }
        }
        return new IdPattern(text.substring(0, firstHash), text.length() - firstHash);
    }

    /** The id of a value in this form, or {@code null} when the value does not have exactly this form. */
    public Long toId(String value) {
        if (value == null || value.length() != prefix.length() + width || !value.startsWith(prefix)) {
            return null;
        }
        long id = 0;
        for (int i = prefix.length(); i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /** The text form of {@code id}: the inverse of {@link #toId}; {@code null} for ids this form cannot write. */
    public String toText(long id) {
        String digits = Long.toString(id);
        if (id < 0 || digits.length() > width) {
            return null;
        }
        return prefix + "0".repeat(width - digits.length()) + digits;
    }

    @Override
    public String toString() {
        return prefix + "#".repeat(width);
    }
}

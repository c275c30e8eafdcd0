package io.github.flinklakehouse.jobs.clickstream;

import java.math.BigDecimal;

/**
 * Numbers read from event text in time bounded by the text's length, whatever the text: no exponent is ever
 * expanded beyond {@link #MAX_EXPONENT} digits (a {@code 1e2147483647} would allocate or compute for ever).
 */
final class BoundedNumbers {

    /** The largest exponent magnitude a number in exponent form may have. */
    static final int MAX_EXPONENT = 1_000;

    private BoundedNumbers() {
    }

    /**
     * The plain decimal text of a JSON number token ({@code 1e3} gives {@code 1000}, {@code 2.50} stays), or
     * {@code null} when its exponent is larger than {@link #MAX_EXPONENT}.
     */
    static String plain(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return number;
        }
        if (!exponentWithin(number, e + 1)) {
            return null;
        }
        return new BigDecimal(number).toPlainString();
    }

    /** A whole number in plain digits (optionally signed), or {@code null} when it is not one or not a long. */
    static Long wholeNumber(String text) {
        String value = text.trim();
        int length = value.length();
        int start = length > 0 && (value.charAt(0) == '-' || value.charAt(0) == '+') ? 1 : 0;
        if (length == start || length - start > 19) {
            return null;
        }
        for (int i = start; i < length; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException tooLarge) {
            return null;
        }
    }

    /**
     * A decimal in plain or exponent form, or {@code null} when it is not one or its exponent is larger than
     * {@link #MAX_EXPONENT}.
     */
    static BigDecimal decimal(String text) {
        String value = text.trim();
        int e = Math.max(value.indexOf('e'), value.indexOf('E'));
        if (e >= 0 && !exponentWithin(value, e + 1)) {
            return null;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Whether the exponent starting at {@code from} has at most four digits and a magnitude within the bound. */
    private static boolean exponentWithin(String text, int from) {
        int i = from < text.length() && (text.charAt(from) == '-' || text.charAt(from) == '+') ? from + 1 : from;
        if (i >= text.length() || text.length() - i > 4) {
            return false;
        }
        int exponent = 0;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            exponent = exponent * 10 + (c - '0');
        }
        return exponent <= MAX_EXPONENT;
    }
}

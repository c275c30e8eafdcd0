package io.github.flinklakehouse.jobs.clickstream.marts;

import java.util.Locale;

/**
 * The one rule by which the search marts group search texts: whitespace trimmed at both ends, every run of
 * whitespace inside collapsed into one space, lower case by Unicode rules ({@link Locale#ROOT}, so the JVM's locale
 * never changes a mart); an absent or blank query is {@code ""}. Whitespace means the ASCII whitespace characters
 * space, tab, line feed, vertical tab, form feed and carriage return, the same set in Java and in the SQL definition
 * ({@code regexp_replace(btrim(q, E' \t\n\v\f\r'), E'[ \t\n\v\f\r]+', ' ', 'g')}).
 */
public final class SearchQueries {

    private SearchQueries() {
    }

    /** The normalised form of {@code query}; {@code ""} for {@code null} or blank. */
    public static String normalize(String query) {
        if (query == null) {
            return "";
        }
        StringBuilder normalized = new StringBuilder(query.length());
        boolean pendingSpace = false;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = normalized.length() > 0;
            } else {
                if (pendingSpace) {
                    normalized.append(' ');
                    pendingSpace = false;
                }
                normalized.append(c);
            }
        }
        return normalized.toString().toLowerCase(Locale.ROOT);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * Orders queries by Unicode code point (PostgreSQL's {@code COLLATE "C"} on UTF-8), unlike
     * {@link String#compareTo}, which orders UTF-16 units and puts U+E000..U+FFFF after supplementary characters.
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

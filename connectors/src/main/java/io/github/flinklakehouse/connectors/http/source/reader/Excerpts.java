package io.github.flinklakehouse.connectors.http.source.reader;

/** Cuts failing bodies and items down to what a dead letter keeps. */
final class Excerpts {

    private Excerpts() {}

    /** The first {@code maxChars} characters of {@code text}. */
    static String cut(String text, int maxChars) {
        return text.length() > maxChars ? text.substring(0, maxChars) : text;
    }
}

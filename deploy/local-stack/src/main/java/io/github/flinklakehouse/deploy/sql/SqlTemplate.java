package io.github.flinklakehouse.deploy.sql;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills the {@code ${NAME}} placeholders of a SQL file; a placeholder without a value is an error, never left in. */
public final class SqlTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}");

    private SqlTemplate() {
    }

    /**
     * Returns {@code sql} with every {@code ${NAME}} replaced by its value.
     *
     * @throws IllegalArgumentException naming every placeholder that has no value
     */
    public static String render(String sql, Map<String, String> values) {
        TreeSet<String> missing = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(sql);
        StringBuilder rendered = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = matcher.group();
            }
            matcher.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(rendered);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("No value for placeholder(s) " + String.join(", ", missing)
                    + "; pass them with --define NAME=VALUE");
        }
        return rendered.toString();
    }
}

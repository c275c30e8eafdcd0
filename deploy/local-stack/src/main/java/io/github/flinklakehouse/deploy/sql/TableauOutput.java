package io.github.flinklakehouse.deploy.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the result tables the SQL client prints in tableau mode, as rows of trimmed cells joined by {@code |}. */
public final class TableauOutput {
    /** A border such as {@code +----+------+}; the client may print an echoed statement before it on the same line. */
    private static final Pattern BORDER = Pattern.compile(".*?(\\+(-+\\+)+)\\s*$");

    private TableauOutput() {
    }

    /** Every result table in {@code output}, in order; each is its header line followed by its rows. */
    public static List<List<String>> tables(String output) {
        List<List<String>> tables = new ArrayList<>();
        List<String> current = null;
        int borders = 0;
        for (String line : output.split("\n")) {
            if (BORDER.matcher(line).matches()) {
                if (current == null) {
                    current = new ArrayList<>();
                    borders = 0;
                }
                borders++;
                if (borders == 3) {
                    tables.add(current);
                    current = null;
                }
            } else if (current != null && line.startsWith("|") && line.stripTrailing().endsWith("|")) {
                current.add(row(line.strip()));
            } else if (current != null && borders == 2 && line.contains("Empty set")) {
                tables.add(current);
                current = null;
            }
        }
        return tables;
    }

    private static String row(String line) {
        String inner = line.substring(1, line.length() - 1);
        return String.join("|", Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList());
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.util.regex.Pattern;

/** The names the engine builds operator uids and state names from: lower case, digits and dashes. */
final class MartNames {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private MartNames() {
    }

    static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' must match " + NAME.pattern()
                    + " (it becomes part of operator uids and state names)");
        }
        return name;
    }
}

package io.github.flinklakehouse.deploy.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Reads the job options given after {@code --} ({@code --key value} or {@code --key=value}) into a map. */
final class JobOptionList {

    private JobOptionList() {
    }

    static Map<String, String> parse(List<String> words) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("--") || word.length() == 2) {
                throw new CommandLine.ParameterException(new CommandLine(new Object()),
                        "Expected a job option --<key> <value> after `--` but got '" + word + "'");
            }
            int equals = word.indexOf('=');
            if (equals > 0) {
                options.put(word.substring(2, equals), word.substring(equals + 1));
            } else if (i + 1 < words.size()) {
                options.put(word.substring(2), words.get(++i));
            } else {
                throw new CommandLine.ParameterException(new CommandLine(new Object()), "Job option " + word + " needs a value");
            }
        }
        return options;
    }
}

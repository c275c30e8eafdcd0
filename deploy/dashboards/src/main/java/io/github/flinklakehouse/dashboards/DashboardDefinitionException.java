package io.github.flinklakehouse.dashboards;

import java.util.List;

/** The dashboard definitions break rules; the message lists every problem found, one per line, each naming its file. */
public final class DashboardDefinitionException extends RuntimeException {

    private final List<String> problems;

    public DashboardDefinitionException(List<String> problems) {
        super(problems.size() + " problem(s) in the dashboard definitions:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

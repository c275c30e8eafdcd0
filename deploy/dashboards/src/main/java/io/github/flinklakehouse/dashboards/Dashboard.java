package io.github.flinklakehouse.dashboards;

import java.nio.file.Path;
import java.util.List;

/**
 * A dashboard loaded and checked by {@link Dashboards#load}: its definition file, the definition, and its questions
 * with their SQL.
 */
public record Dashboard(Path file, DashboardDefinition definition, List<Question> questions) {

    public Dashboard {
        questions = List.copyOf(questions);
    }

    public String name() {
        return definition.name();
    }

    public String pipeline() {
        return definition.pipeline();
    }

    /** The definition file's name without {@code .dashboard.json}: the dashboard's address on the built-in page. */
    public String slug() {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - Dashboards.SUFFIX.length());
    }
}

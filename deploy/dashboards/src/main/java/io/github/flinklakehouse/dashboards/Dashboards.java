package io.github.flinklakehouse.dashboards;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.flinklakehouse.dashboards.DashboardDefinition.ChartDefinition;
import io.github.flinklakehouse.dashboards.DashboardDefinition.FilterDefinition;
import io.github.flinklakehouse.dashboards.DashboardDefinition.Position;
import io.github.flinklakehouse.dashboards.DashboardDefinition.QuestionDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the dashboard definitions of a folder ({@code *.dashboard.json}, see {@link DashboardDefinition}) with their
 * SQL files, and checks every rule at once: the format version, unknown or missing fields, unique dashboard and
 * question names, SQL files inside the folder, chart columns among the declared columns, filters declared and mapped
 * to a declared column, positions on the grid without overlap. A broken folder fails with one
 * {@link DashboardDefinitionException} listing each problem with its file.
 */
public final class Dashboards {

    /** How a definition file's name ends. */
    public static final String SUFFIX = ".dashboard.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Pattern FILTER_ID = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern MART_TABLE = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Pattern TEMPLATE_SYNTAX = Pattern.compile("\\{\\{|\\[\\[");

    private Dashboards() {
    }

    /** Every dashboard defined in {@code folder}, sorted by file name. */
    public static List<Dashboard> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new DashboardDefinitionException(List.of(folder + ": no such folder of dashboard definitions"));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) {
            throw new DashboardDefinitionException(List.of(folder + ": no *" + SUFFIX + " file"));
        }
        List<String> problems = new ArrayList<>();
        List<Dashboard> dashboards = new ArrayList<>();
        Map<String, Path> dashboardNames = new HashMap<>();
        Map<String, String> questionNames = new HashMap<>();
        for (Path file : files) {
            Dashboard dashboard = load(folder, file, problems);
            if (dashboard == null) {
                continue;
            }
            Path other = dashboardNames.putIfAbsent(dashboard.name(), file);
            if (other != null) {
                problems.add(file.getFileName() + ": dashboard name \"" + dashboard.name() + "\" is also the name in "
                        + other.getFileName());
            }
            for (Question question : dashboard.questions()) {
                String owner = questionNames.putIfAbsent(question.name(), dashboard.name());
                if (owner != null) {
                    problems.add(file.getFileName() + ": question name \"" + question.name()
                            + "\" is already used in dashboard \"" + owner
                            + "\" (Metabase finds each card by its name: names must be unique)");
                }
            }
            dashboards.add(dashboard);
        }
        if (!problems.isEmpty()) {
            throw new DashboardDefinitionException(problems);
        }
        return List.copyOf(dashboards);
    }

    /** The dashboards of {@code folder} whose questions read the marts of {@code pipeline}. */
    public static List<Dashboard> ofPipeline(Path folder, String pipeline) {
        return load(folder).stream().filter(d -> d.pipeline().equals(pipeline)).toList();
    }

    private static Dashboard load(Path folder, Path file, List<String> problems) {
        String at = file.getFileName().toString();
        DashboardDefinition definition;
        try {
            definition = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), DashboardDefinition.class);
        } catch (JsonProcessingException e) {
            problems.add(at + ": line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
            return null;
        } catch (IOException e) {
            problems.add(at + ": cannot be read: " + e.getMessage());
            return null;
        }
        int before = problems.size();
        if (definition.format() != DashboardDefinition.FORMAT) {
            problems.add(at + ": format " + definition.format() + " is not understood (this version reads format "
                    + DashboardDefinition.FORMAT + ")");
        }
        require(problems, at, "name", definition.name());
        require(problems, at, "pipeline", definition.pipeline());
        Set<String> filterIds = new HashSet<>();
        for (int i = 0; i < definition.filters().size(); i++) {
            FilterDefinition filter = definition.filters().get(i);
            String where = at + ": filters[" + i + "]";
            if (filter.id() == null || !FILTER_ID.matcher(filter.id()).matches()) {
                problems.add(where + ": id \"" + filter.id() + "\" must be lower case letters, digits and _");
            } else if (!filterIds.add(filter.id())) {
                problems.add(where + ": id \"" + filter.id() + "\" is declared twice");
            }
            require(problems, where, "name", filter.name());
            if (!FilterDefinition.TYPES.contains(filter.type())) {
                problems.add(where + ": type \"" + filter.type() + "\" is not one of " + FilterDefinition.TYPES);
            }
        }
        new TreeMap<>(definition.filledBy()).forEach((table, filler) -> {
            if (!MART_TABLE.matcher(table).matches() || filler == null || filler.isBlank()) {
                problems.add(at + ": filledBy \"" + table + "\": needs a mart table name (lower case, digits, _) "
                        + "and what fills it");
            }
        });
        if (definition.questions().isEmpty()) {
            problems.add(at + ": no questions");
        }
        List<Question> questions = new ArrayList<>();
        List<Position> placed = new ArrayList<>();
        for (int i = 0; i < definition.questions().size(); i++) {
            QuestionDefinition question = definition.questions().get(i);
            String where = at + ": questions[" + i + "]" + (question.name() == null ? "" : " \"" + question.name()
                    + "\"");
            require(problems, where, "name", question.name());
            String sql = sql(folder, question.sql(), where, problems);
            checkColumns(question, where, filterIds, problems);
            Position position = question.position();
            if (position == null) {
                problems.add(where + ": position is missing");
            } else {
                if (position.row() < 0 || position.col() < 0 || position.width() < 1 || position.height() < 1
                        || position.col() + position.width() > DashboardDefinition.GRID_COLUMNS) {
                    problems.add(where + ": position " + position + " is not on the grid (row >= 0, col >= 0, "
                            + "width >= 1, height >= 1, col + width <= " + DashboardDefinition.GRID_COLUMNS + ")");
                }
                for (int j = 0; j < placed.size(); j++) {
                    if (placed.get(j) != null && placed.get(j).overlaps(position)) {
                        problems.add(where + ": position overlaps questions[" + j + "] \""
                                + definition.questions().get(j).name() + "\"");
                    }
                }
            }
            placed.add(position);
            if (sql != null) {
                questions.add(new Question(question, sql));
            }
        }
        return problems.size() == before ? new Dashboard(file, definition, questions) : null;
    }

    private static void checkColumns(QuestionDefinition question, String where, Set<String> filterIds,
            List<String> problems) {
        List<String> columns = question.columns();
        if (columns.isEmpty()) {
            problems.add(where + ": columns is missing (the labels of the result's columns, in order)");
        } else if (new HashSet<>(columns).size() != columns.size()) {
            problems.add(where + ": columns " + columns + " names a column twice");
        }
        new TreeMap<>(question.filters()).forEach((filter, column) -> {
            if (!filterIds.contains(filter)) {
                problems.add(where + ": filter \"" + filter + "\" is not declared in the dashboard's filters");
            }
            if (!columns.contains(column)) {
                problems.add(where + ": filter \"" + filter + "\" narrows column \"" + column
                        + "\", which is not one of its columns " + columns);
            }
        });
        ChartDefinition chart = question.chart();
        if (chart == null) {
            problems.add(where + ": chart is missing");
            return;
        }
        if (!ChartDefinition.TYPES.contains(chart.type())) {
            problems.add(where + ": chart.type \"" + chart.type() + "\" is not one of " + ChartDefinition.TYPES);
            return;
        }
        List<String> needed = new ArrayList<>();
        switch (chart.type()) {
            case "line", "area", "bar", "row" -> {
                needed.add("x");
                needed.add("y");
            }
            case "pie" -> {
                needed.add("x");
                if (chart.y().size() != 1) {
                    problems.add(where + ": a pie chart has exactly one y column, not " + chart.y());
                }
            }
            case "scalar" -> {
                if (chart.y().size() != 1) {
                    problems.add(where + ": a scalar shows exactly one y column, not " + chart.y());
                }
            }
            case "pin_map" -> {
                needed.add("latitude");
                needed.add("longitude");
            }
            case "heatmap" -> {
                needed.add("series");
                needed.add("y");
            }
            default -> {
                // table: every column, nothing to name
            }
        }
        Map<String, List<String>> named = new HashMap<>();
        named.put("x", chart.x() == null ? List.of() : List.of(chart.x()));
        named.put("series", chart.series() == null ? List.of() : List.of(chart.series()));
        named.put("y", chart.y());
        named.put("latitude", chart.latitude() == null ? List.of() : List.of(chart.latitude()));
        named.put("longitude", chart.longitude() == null ? List.of() : List.of(chart.longitude()));
        for (String field : needed) {
            if (named.get(field).isEmpty()) {
                problems.add(where + ": a " + chart.type() + " chart needs chart." + field);
            }
        }
        named.forEach((field, names) -> names.stream().filter(name -> !columns.contains(name)).forEach(name ->
                problems.add(where + ": chart." + field + " \"" + name + "\" is not one of its columns " + columns)));
    }

    private static String sql(Path folder, String relative, String where, List<String> problems) {
        if (relative == null || relative.isBlank()) {
            problems.add(where + ": sql is missing (a .sql file relative to " + folder + ")");
            return null;
        }
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base) || !relative.endsWith(".sql")) {
            problems.add(where + ": sql \"" + relative + "\" must be a .sql file inside " + folder);
            return null;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(where + ": sql file " + relative + " does not exist");
            return null;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            problems.add(where + ": sql file " + relative + " cannot be read: " + e.getMessage());
            return null;
        }
        if (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).stripTrailing();
        }
        if (TEMPLATE_SYNTAX.matcher(text).find()) {
            problems.add(where + ": sql file " + relative + " contains {{ or [[: keep the file plain SQL (filters are "
                    + "declared in the definition and applied around it)");
            return null;
        }
        if (text.isEmpty()) {
            problems.add(where + ": sql file " + relative + " is empty");
            return null;
        }
        return text;
    }

    private static void require(List<String> problems, String where, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(where + ": " + field + " is missing");
        }
    }
}

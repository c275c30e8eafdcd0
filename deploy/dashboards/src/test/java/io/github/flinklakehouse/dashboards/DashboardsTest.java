package io.github.flinklakehouse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The definitions in this folder load and follow every rule; broken ones fail with every problem named. */
class DashboardsTest {

    /** The module's folder is the definitions' folder (deploy/dashboards). */
    static final Path DEFINITIONS = Path.of("").toAbsolutePath();

    /**
     * Pipelines whose questions a system test runs on real marts; a dashboard of any other pipeline would go untested.
     */
    static final Map<String, String> CHECKED_BY = Map.of(
            "clickstream", "deploy/local-stack ClickstreamEndToEndSystemTest",
            "clickstream-warehouse", "flink-jobs WarehousePipelineTest",
            "road-traffic", "flink-jobs RoadTrafficMartsMatchEmulatorTest");

    @Test
    void theProjectsDashboardsLoadAndEachPipelinesQuestionsAreRunByASystemTest() {
        List<Dashboard> dashboards = Dashboards.load(DEFINITIONS);

        assertThat(dashboards).extracting(Dashboard::name)
                .containsExactly("App log", "Clickstream overview", "Toll gate detail", "Traffic overview",
                        "Warehouse and data quality");
        assertThat(dashboards).extracting(Dashboard::pipeline).allSatisfy(p -> assertThat(CHECKED_BY).containsKey(p));
        assertThat(dashboards.stream().mapToInt(d -> d.questions().size()).sum()).isEqualTo(41);
        // The road-traffic dashboards reference every question file of the road-traffic folder.
        assertThat(dashboards.stream().filter(d -> d.pipeline().equals("road-traffic"))
                .flatMap(d -> d.questions().stream()).map(q -> q.definition().sql()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("road-traffic/hourly_pattern.sql", "road-traffic/tollgate_detail.sql",
                        "road-traffic/top_10_tollgates.sql", "road-traffic/top_10_volatile.sql",
                        "road-traffic/vehicle_class_share.sql", "road-traffic/region_congestion.sql",
                        "road-traffic/traffic_weather.sql", "road-traffic/tollgate_hourly_vs_past.sql",
                        "road-traffic/tollgate_daily_vs_past.sql", "road-traffic/tollgate_vehicle_classes.sql");
    }

    @Test
    void theWarehouseDashboardSaysWhatFillsEveryMartItsQuestionsRead() {
        // The built-in page of `lakehouse run` (warehouse and rules off) shows these on the charts of missing marts.
        Dashboard warehouse = Dashboards.ofPipeline(DEFINITIONS, "clickstream-warehouse").get(0);
        Pattern mart = Pattern.compile("\\bmarts\\.([a-z0-9_]+)");
        List<String> read = warehouse.questions().stream()
                .flatMap(q -> mart.matcher(q.sql()).results().map(m -> m.group(1))).distinct().toList();

        assertThat(warehouse.definition().filledBy().keySet()).containsExactlyInAnyOrderElementsOf(read);
        assertThat(warehouse.definition().whatFills("dim_user")).contains("warehouse.enabled=true");
    }

    @Test
    void aQuestionWithFiltersIsWrappedInMetabaseOptionalClausesAndOneWithoutIsItsFileAsItIs() {
        Map<String, Question> questions = Dashboards.load(DEFINITIONS).stream().flatMap(d -> d.questions().stream())
                .collect(Collectors.toMap(Question::name, q -> q));

        Question funnel = questions.get("Funnel by category and brand, latest day");
        assertThat(funnel.metabaseSql()).startsWith("SELECT * FROM (\n-- View -> cart")
                .endsWith("ORDER BY sessions_viewed DESC, category_code, brand\n) AS question\nWHERE true\n"
                        + "[[AND question.\"brand\" = {{brand}}]]\n[[AND question.\"category_code\" = {{category}}]]");
        Question hourly = questions.get("Events and users per hour");
        assertThat(hourly.metabaseSql()).isEqualTo(hourly.sql()).doesNotEndWith(";")
                .contains("FROM marts.traffic_hourly");
        assertThat(Question.onSchema(hourly.sql(), "marts_e2e_1")).contains("FROM marts_e2e_1.traffic_hourly")
                .doesNotContain("marts.");
    }

    @Test
    void brokenDefinitionsFailWithEveryProblemNamedByFile(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("q"));
        Files.writeString(folder.resolve("q/ok.sql"), "SELECT 1 AS a, 2 AS b;\n");
        Files.writeString(folder.resolve("q/tagged.sql"), "SELECT 1 AS a WHERE true [[AND a = {{x}}]]");
        Files.writeString(folder.resolve("a.dashboard.json"), """
                {"format": 1, "name": "A", "pipeline": "clickstream", "description": "",
                 "filters": [{"id": "Bad-Id", "name": "F", "type": "date"}, {"id": "f", "name": "F", "type": "text"}],
                 "filledBy": {"marts.t": "the job", "u": " "},
                 "questions": [
                  {"name": "Q1", "sql": "q/ok.sql", "columns": ["a", "b"],
                   "chart": {"type": "line", "x": "a", "y": ["c"]}, "filters": {"g": "a", "f": "z"},
                   "position": {"row": 0, "col": 0, "width": 12, "height": 4}},
                  {"name": "Q2", "sql": "../outside.sql", "columns": ["a"], "chart": {"type": "pie", "x": "a"},
                   "position": {"row": 2, "col": 6, "width": 20, "height": 4}},
                  {"name": "Q3", "sql": "q/missing.sql", "columns": ["a"], "chart": {"type": "donut"},
                   "position": {"row": 9, "col": 0, "width": 4, "height": 4}},
                  {"name": "Q4", "sql": "q/tagged.sql", "columns": ["a"], "chart": {"type": "heatmap", "y": ["a"]},
                   "position": {"row": 20, "col": 0, "width": 4, "height": 4}}
                 ]}
                """);
        Files.writeString(folder.resolve("b.dashboard.json"), """
                {"format": 2, "name": "A", "pipeline": "clickstream",
                 "questions": [{"name": "Q1", "sql": "q/ok.sql", "columns": ["a"], "chart": {"type": "table"},
                   "position": {"row": 0, "col": 0, "width": 4, "height": 4}}]}
                """);
        Files.writeString(folder.resolve("c.dashboard.json"), """
                {"format": 1, "name": "C", "pipeline": "clickstream", "colour": "red", "questions": []}
                """);

        assertThatThrownBy(() -> Dashboards.load(folder)).isInstanceOf(DashboardDefinitionException.class)
                .satisfies(e -> assertThat(((DashboardDefinitionException) e).problems()).containsExactly(
                        "a.dashboard.json: filters[0]: id \"Bad-Id\" must be lower case letters, digits and _",
                        "a.dashboard.json: filters[0]: type \"date\" is not one of [text, number]",
                        "a.dashboard.json: filledBy \"marts.t\": needs a mart table name (lower case, digits, _) and "
                                + "what fills it",
                        "a.dashboard.json: filledBy \"u\": needs a mart table name (lower case, digits, _) and what "
                                + "fills it",
                        "a.dashboard.json: questions[0] \"Q1\": filter \"f\" narrows column \"z\", which is not one "
                                + "of its columns [a, b]",
                        "a.dashboard.json: questions[0] \"Q1\": filter \"g\" is not declared in the dashboard's "
                                + "filters",
                        "a.dashboard.json: questions[0] \"Q1\": chart.y \"c\" is not one of its columns [a, b]",
                        "a.dashboard.json: questions[1] \"Q2\": sql \"../outside.sql\" must be a .sql file inside "
                                + folder,
                        "a.dashboard.json: questions[1] \"Q2\": a pie chart has exactly one y column, not []",
                        "a.dashboard.json: questions[1] \"Q2\": position Position[row=2, col=6, width=20, height=4] "
                                + "is not on the grid (row >= 0, col >= 0, width >= 1, height >= 1, col + width <= 24)",
                        "a.dashboard.json: questions[1] \"Q2\": position overlaps questions[0] \"Q1\"",
                        "a.dashboard.json: questions[2] \"Q3\": sql file q/missing.sql does not exist",
                        "a.dashboard.json: questions[2] \"Q3\": chart.type \"donut\" is not one of [line, area, bar, "
                                + "row, pie, scalar, table, pin_map, heatmap]",
                        "a.dashboard.json: questions[3] \"Q4\": sql file q/tagged.sql contains {{ or [[: keep the "
                                + "file plain SQL (filters are declared in the definition and applied around it)",
                        "a.dashboard.json: questions[3] \"Q4\": a heatmap chart needs chart.series",
                        "b.dashboard.json: format 2 is not understood (this version reads format 1)",
                        "c.dashboard.json: line 1: Unrecognized field \"colour\" (class "
                                + "io.github.flinklakehouse.dashboards.DashboardDefinition), not marked as ignorable"))
                .hasMessageStartingWith("17 problem(s) in the dashboard definitions:\n  a.dashboard.json: filters[0]");
    }

    @Test
    void namesAreUniqueAcrossFilesBecauseMetabaseFindsCardsAndDashboardsByName(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("q.sql"), "SELECT 1 AS a");
        String dashboard = """
                {"format": 1, "name": "%s", "pipeline": "clickstream", "description": "d",
                 "questions": [{"name": "Q", "sql": "q.sql", "columns": ["a"], "chart": {"type": "scalar", "y": ["a"]},
                   "position": {"row": 0, "col": 0, "width": 4, "height": 4}}]}
                """;
        Files.writeString(folder.resolve("a.dashboard.json"), dashboard.formatted("Same"));
        Files.writeString(folder.resolve("b.dashboard.json"), dashboard.formatted("Same"));

        assertThatThrownBy(() -> Dashboards.load(folder)).hasMessageContainingAll(
                "b.dashboard.json: dashboard name \"Same\" is also the name in a.dashboard.json",
                "b.dashboard.json: question name \"Q\" is already used in dashboard \"Same\"");
        assertThatThrownBy(() -> Dashboards.load(folder.resolve("none")))
                .hasMessageEndingWith("none: no such folder of dashboard definitions");
    }
}

package io.github.flinklakehouse.dashboards.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.SharedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DashboardServer} on a real PostgreSQL, as a read-only role: what it refuses (foreign host names, other
 * origins, anything but GET), what it does not know (404), and how a question answers: its rows up to the row limit, a
 * failing or too slow question as an error payload, a question whose mart does not exist yet as a notice saying what
 * fills it; and, in headless Chromium when there is one, the page shows that
 * error on its chart while the other charts draw.
 */
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path folder;
    private static EmbeddedPostgres postgres;
    private static DashboardServer server;
    private static List<Dashboard> dashboards;

    @BeforeAll
    static void start() throws IOException, SQLException {
        postgres = SharedPostgres.get();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA page_marts");
            statement.execute("CREATE TABLE page_marts.t (day date, hits bigint, region text)");
            statement.execute("INSERT INTO page_marts.t SELECT DATE '2026-01-01' + i, i * 10, "
                    + "CASE WHEN i % 2 = 0 THEN 'north' ELSE 'south' END FROM generate_series(0, 9) AS i");
            statement.execute("CREATE ROLE page_bi LOGIN PASSWORD 'page-bi'");
            statement.execute("ALTER ROLE page_bi SET default_transaction_read_only = on");
            statement.execute("GRANT USAGE ON SCHEMA page_marts TO page_bi");
            statement.execute("GRANT SELECT ON ALL TABLES IN SCHEMA page_marts TO page_bi");
        }
        Files.writeString(folder.resolve("hits.sql"), "SELECT day, region, hits FROM marts.t ORDER BY day;");
        Files.writeString(folder.resolve("total.sql"), "SELECT sum(hits) AS total FROM marts.t");
        Files.writeString(folder.resolve("broken.sql"), "SELECT nope FROM marts.t");
        Files.writeString(folder.resolve("slow.sql"), "SELECT pg_sleep(30) AS slept");
        Files.writeString(folder.resolve("heat.sql"), "SELECT region, sum(hits) FILTER (WHERE day < DATE '2026-01-06')"
                + " AS early, sum(hits) FILTER (WHERE day >= DATE '2026-01-06') AS late FROM marts.t GROUP BY region"
                + " ORDER BY region");
        Files.writeString(folder.resolve("page.dashboard.json"), """
                {"format": 1, "name": "Page", "pipeline": "clickstream", "description": "A test page.",
                 "filters": [{"id": "region", "name": "Region", "type": "text"},
                             {"id": "hits", "name": "Hits", "type": "number"}],
                 "questions": [
                  {"name": "Hits per day", "sql": "hits.sql", "columns": ["day", "region", "hits"],
                   "chart": {"type": "bar", "x": "day", "series": "region", "y": ["hits"]},
                   "filters": {"region": "region", "hits": "hits"},
                   "position": {"row": 0, "col": 0, "width": 12, "height": 5}},
                  {"name": "Total", "sql": "total.sql", "columns": ["total"], "chart": {"type": "scalar", "y": ["total"]},
                   "position": {"row": 0, "col": 12, "width": 6, "height": 5}},
                  {"name": "Broken", "sql": "broken.sql", "columns": ["nope"], "chart": {"type": "table"},
                   "position": {"row": 0, "col": 18, "width": 6, "height": 5}},
                  {"name": "Heat", "sql": "heat.sql", "columns": ["region", "early", "late"],
                   "chart": {"type": "heatmap", "series": "region", "y": ["early", "late"]},
                   "position": {"row": 5, "col": 0, "width": 12, "height": 4}}
                 ]}
                """);
        Files.writeString(folder.resolve("slow.dashboard.json"), """
                {"format": 1, "name": "Slow", "pipeline": "clickstream", "description": "",
                 "questions": [{"name": "Slow", "sql": "slow.sql", "columns": ["slept"], "chart": {"type": "table"},
                   "position": {"row": 0, "col": 0, "width": 24, "height": 4}}]}
                """);
        // On `lakehouse run` without the warehouse: its marts do not exist, the page says what fills them.
        Files.writeString(folder.resolve("versions.sql"), "SELECT count(*) AS versions FROM marts.dim_user");
        Files.writeString(folder.resolve("rules.sql"), "SELECT rule FROM marts.data_quality_daily");
        Files.writeString(folder.resolve("waiting.dashboard.json"), """
                {"format": 1, "name": "Waiting", "pipeline": "clickstream-warehouse", "description": "",
                 "filledBy": {"dim_user": "the clickstream job with warehouse.enabled=true"},
                 "questions": [
                  {"name": "Versions", "sql": "versions.sql", "columns": ["versions"], "chart": {"type": "table"},
                   "position": {"row": 0, "col": 0, "width": 12, "height": 4}},
                  {"name": "Rules", "sql": "rules.sql", "columns": ["rule"], "chart": {"type": "table"},
                   "position": {"row": 0, "col": 12, "width": 12, "height": 4}}]}
                """);
        dashboards = Dashboards.load(folder);
        MartsReader marts = new MartsReader(jdbcUrl(), "page_bi", "page-bi", "page_marts", Duration.ofSeconds(1), 4);
        server = DashboardServer.start(dashboards, marts, 0, Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    }

    @Test
    void aQuestionAnswersItsRowsUpToTheRowLimit() throws Exception {
        JsonNode answer = getJson("api/dashboards/page/questions/0", 200);

        assertThat(answer.get("columns")).hasToString("[\"day\",\"region\",\"hits\"]");
        assertThat(answer.get("rows")).hasSize(4);
        assertThat(answer.get("rows").get(1)).hasToString("[\"2026-01-02\",\"south\",10]");
        assertThat(answer.get("truncated").asBoolean()).isTrue();
        assertThat(answer.get("error").isNull()).isTrue();
        assertThat(getJson("api/dashboards", 200).findValuesAsText("slug")).containsExactly("page", "slow",
                "waiting");
        assertThat(getJson("api/dashboards/page", 200).get("questions")).hasSize(4);
    }

    @Test
    void theDashboardFiltersOfTheQueryStringNarrowTheQuestionsThatUseThem() throws Exception {
        assertThat(getJson("api/dashboards/page/questions/0?region=north&hits=20", 200).get("rows"))
                .hasToString("[[\"2026-01-03\",\"north\",20]]");
        assertThat(getJson("api/dashboards/page/questions/0?region=n%6Frth&hits=&other=1", 200).get("rows"))
                .as("URL-encoded; an empty filter and an unknown parameter change nothing").hasSize(4);
        assertThat(getJson("api/dashboards/page/questions/0?region=west", 200).get("rows")).isEmpty();
        assertThat(getJson("api/dashboards/page/questions/1?region=north", 200).get("rows"))
                .as("a question the filter does not narrow").hasToString("[[450]]");
        assertThat(getJson("api/dashboards/page/questions/0?hits=many", 200).get("error").asText())
                .isEqualTo("filter hits (Hits) must be a number, was 'many'");
    }

    @Test
    void aFailingOrTooSlowQuestionAnswersItsErrorNotABlank() throws Exception {
        assertThat(getJson("api/dashboards/page/questions/2", 200).get("error").asText())
                .contains("column \"nope\" does not exist");
        assertThat(getJson("api/dashboards/slow/questions/0", 200).get("error").asText())
                .contains("canceling statement");
    }

    @Test
    void aQuestionWhoseMartDoesNotExistYetSaysWhatFillsItInsteadOfAnError() throws Exception {
        JsonNode versions = getJson("api/dashboards/waiting/questions/0", 200);
        assertThat(versions.get("error").isNull()).isTrue();
        assertThat(versions.get("rows")).isEmpty();
        assertThat(versions.get("missingMart").asText()).isEqualTo("dim_user");
        assertThat(versions.get("notice").asText()).isEqualTo("mart marts.dim_user does not exist yet: "
                + "the clickstream job with warehouse.enabled=true fills it");
        assertThat(getJson("api/dashboards/waiting/questions/1", 200).get("notice").asText())
                .as("a mart without a filledBy entry: the dashboard's pipeline")
                .isEqualTo("mart marts.data_quality_daily does not exist yet: the clickstream-warehouse pipeline"
                        + " fills it");
        assertThat(getJson("api/dashboards/page/questions/0", 200).get("notice").isNull()).isTrue();
    }

    @Test
    void unknownDashboardsAndQuestionsAre404() throws Exception {
        assertThat(getJson("dashboards/nope", 404).get("error").asText()).contains("page, slow, waiting");
        getJson("api/dashboards/nope", 404);
        getJson("api/dashboards/page/questions/4", 404);
        getJson("assets/other.js", 404);
    }

    @Test
    void onlyGetIsAnswered() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.url().resolve("api/dashboards"))
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.headers().firstValue("Allow")).hasValue("GET");
        }
    }

    @Test
    void foreignHostNamesAndOtherOriginsAreRefused() throws Exception {
        assertThat(rawGet("evil.example:" + server.url().getPort(), null)).startsWith("HTTP/1.1 403")
                .contains("DNS rebinding");
        assertThat(rawGet("127.0.0.1:" + server.url().getPort(), "https://evil.example")).startsWith("HTTP/1.1 403");
        assertThat(rawGet("localhost:" + server.url().getPort(), null)).startsWith("HTTP/1.1 200");
        String self = "127.0.0.1:" + server.url().getPort();
        assertThat(rawGet(self, "http://" + self)).startsWith("HTTP/1.1 200");
    }

    @Test
    void thePageAndEChartsFromItsWebJarAreServed() throws Exception {
        HttpResponse<String> echarts = get("assets/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body()).hasSizeGreaterThan(500_000).contains("echarts");
        assertThat(get("dashboards/page").body()).contains("/assets/dashboard.js");
        assertThat(get("").headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void inABrowserTheChartsDrawTheFailingQuestionShowsItsErrorAndAMissingMartANotice() throws Exception {
        Optional<HeadlessChromium> chromium = HeadlessChromium.find(folder.resolve("browser"));
        if (chromium.isEmpty()) {
            return;
        }
        Dashboard page = dashboards.get(0);
        var dom = Jsoup.parse(chromium.get().open(server.url(page), "1200,800", folder.resolve("page.png")));

        assertThat(dom.body().attr("data-ready")).isEqualTo("true");
        assertThat(dom.body().attr("data-errors")).as(dom.select("#script-errors").text()).isEqualTo("0");
        assertThat(dom.select("section.card").eachAttr("data-rows")).containsExactly("4", "1", "0", "2");
        assertThat(dom.select("section.card[data-chart=heatmap]").eachAttr("data-state")).containsExactly("ok");
        assertThat(dom.select("section.card[data-chart=heatmap] canvas")).isNotEmpty();
        assertThat(dom.select("section.card canvas")).isNotEmpty();
        assertThat(dom.select("section.card .error").text()).contains("column \"nope\" does not exist");
        assertThat(folder.resolve("page.png")).isNotEmptyFile();
        assertThat(DashboardPageCheck.problems(page, dom)).containsExactly(
                "Broken: The question failed: ERROR: column \"nope\" does not exist");

        // Marts that do not exist yet: a notice on each card, no error.
        var waiting = Jsoup.parse(chromium.get().open(server.url(dashboards.get(2)), "1200,400",
                folder.resolve("waiting.png")));
        assertThat(waiting.body().attr("data-ready")).isEqualTo("true");
        assertThat(waiting.select("section.card").eachAttr("data-state")).containsExactly("waiting", "waiting");
        assertThat(waiting.select("section.card .error")).isEmpty();
        assertThat(waiting.select("section.card .notice").eachText()).containsExactly(
                "mart marts.dim_user does not exist yet: the clickstream job with warehouse.enabled=true fills it",
                "mart marts.data_quality_daily does not exist yet: the clickstream-warehouse pipeline fills it");
    }

    private static JsonNode getJson(String path, int status) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.url().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the Host and Origin a browser would send (the JDK's client will not set Host). */
    private static String rawGet(String host, String origin) throws IOException {
        URI url = server.url();
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/dashboards HTTP/1.1\r\nHost: " + host + "\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n") + "Connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (InputStream in = socket.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}

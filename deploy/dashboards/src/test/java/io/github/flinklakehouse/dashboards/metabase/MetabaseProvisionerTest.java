package io.github.flinklakehouse.dashboards.metabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.Dashboards;
import io.github.flinklakehouse.dashboards.Question;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link MetabaseProvisioner} against {@link FakeMetabase} with the project's own dashboard definitions: first-time
 * setup, a re-run, a renamed question, a wrong password, a Metabase that is not ready (yet, or ever).
 */
class MetabaseProvisionerTest {

    private static final String ADMIN = "admin@lakehouse.local";
    private static final String PASSWORD = "s3cret-Admin-pass";
    /** Every question of the project's dashboards: one card each. */
    private static final int QUESTIONS = Dashboards.load(Path.of("").toAbsolutePath()).stream()
            .mapToInt(d -> d.questions().size()).sum();
    private static final MetabaseSettings.MartsDatabase MARTS = new MetabaseSettings.MartsDatabase("Lakehouse marts",
            "postgres", 5432, "lakehouse", "lakehouse_bi", "bi-password", "marts");

    private final FakeMetabase metabase = FakeMetabase.start();
    private final List<String> progress = new ArrayList<>();

    @AfterEach
    void stop() {
        metabase.close();
    }

    @Test
    void aNewMetabaseIsSetUpOnceReadyAndGetsTheDatabaseEveryCardAndEveryDashboard() {
        metabase.notReadyFor = 3;
        List<Dashboard> dashboards = Dashboards.load(Path.of("").toAbsolutePath());

        MetabaseProvisioner.Result result = provisioner(PASSWORD, Duration.ofSeconds(10)).provision(dashboards);

        assertThat(metabase.count("GET /api/health")).isEqualTo(4);
        assertThat(progress).singleElement().asString().startsWith("waiting for Metabase at " + metabase.url())
                .contains("HTTP 503");
        assertThat(metabase.users).isEqualTo(Map.of(ADMIN, PASSWORD));
        assertThat(metabase.count("POST /api/setup")).isOne();
        assertThat(metabase.count("POST /api/session")).isZero();

        ObjectNode database = metabase.databases.get(result.databaseId());
        assertThat(database.get("engine").asText()).isEqualTo("postgres");
        assertThat(database.get("details").toString()).isEqualTo("{\"host\":\"postgres\",\"port\":5432,\"dbname\":"
                + "\"lakehouse\",\"user\":\"lakehouse_bi\",\"password\":\"**MetabasePass**\",\"ssl\":false,"
                + "\"schema-filters-type\":\"inclusion\",\"schema-filters-patterns\":\"marts\"}");
        assertThat(database.get("stored_password").asText()).isEqualTo("bi-password");
        assertThat(metabase.collections.get(result.collectionId()).get("name").asText()).isEqualTo("Lakehouse");

        Map<String, Question> questions = questions(dashboards);
        assertThat(metabase.activeCards()).hasSize(QUESTIONS).allSatisfy(card -> {
            Question question = questions.get(card.get("name").asText());
            assertThat(card.get("collection_id").asInt()).isEqualTo(result.collectionId());
            assertThat(card.at("/dataset_query/type").asText()).isEqualTo("native");
            assertThat(card.at("/dataset_query/database").asInt()).isEqualTo(result.databaseId());
            assertThat(card.at("/dataset_query/native/query").asText()).isEqualTo(question.metabaseSql());
            assertThat(card.at("/dataset_query/native/template-tags").size())
                    .isEqualTo(question.definition().filters().size());
        });
        ObjectNode funnel = card("Funnel by category and brand, latest day");
        assertThat(funnel.get("display").asText()).isEqualTo("table");
        assertThat(funnel.at("/dataset_query/native/template-tags/category").toString()).matches(
                "\\{\"id\":\"[0-9a-f-]{36}\",\"name\":\"category\",\"display-name\":\"Category\",\"type\":\"text\"}");
        assertThat(card("Active users per day, week and month").get("visualization_settings").toString())
                .isEqualTo("{\"graph.dimensions\":[\"period_start\",\"metric\"],\"graph.metrics\":[\"active_users\"]}");
        assertThat(card("Toll gate location").get("display").asText()).isEqualTo("map");
        assertThat(card("Toll gate location").get("visualization_settings").toString()).isEqualTo("{\"map.type\":"
                + "\"pin\",\"map.latitude_column\":\"latitude\",\"map.longitude_column\":\"longitude\"}");
        assertThat(card("Vehicle class share, last 7 days").get("visualization_settings").toString())
                .isEqualTo("{\"pie.dimension\":\"car_type\",\"pie.metric\":\"vehicles\"}");
        // A heat map is the table with one colour scale over its cells (Metabase has no heat map for native questions).
        ObjectNode heatMap = card("Activity by weekday and hour");
        assertThat(heatMap.get("display").asText()).isEqualTo("table");
        assertThat(heatMap.get("visualization_settings").toString()).isEqualTo("{\"table.column_formatting\":[{"
                + "\"columns\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],\"type\":\"range\","
                + "\"colors\":[\"#FFFFFF\",\"#509EE3\"],\"min_type\":\"all\",\"max_type\":\"all\","
                + "\"highlight_row\":false}]}");

        assertThat(result.dashboardIds().keySet())
                .containsExactlyElementsOf(dashboards.stream().map(Dashboard::name).toList());
        for (Dashboard dashboard : dashboards) {
            ObjectNode stored = metabase.dashboards.get(result.dashboardIds().get(dashboard.name()));
            assertThat(stored.get("collection_id").asInt()).isEqualTo(result.collectionId());
            assertThat(layout(stored)).containsExactlyElementsOf(dashboard.questions().stream().map(q -> {
                var p = q.definition().position();
                return q.name() + " @" + p.row() + "," + p.col() + " " + p.width() + "x" + p.height();
            }).toList());
        }
        ObjectNode detail = metabase.dashboards.get(result.dashboardIds().get("Toll gate detail"));
        assertThat(detail.get("parameters").toString()).isEqualTo("[{\"id\":\"tollgate\",\"name\":\"Toll gate\","
                + "\"slug\":\"tollgate\",\"type\":\"string/=\",\"sectionId\":\"string\"}]");
        assertThat(detail.get("dashcards")).allSatisfy(dashcard -> assertThat(dashcard.get("parameter_mappings")
                .toString()).isEqualTo("[{\"parameter_id\":\"tollgate\",\"card_id\":" + dashcard.get("card_id")
                + ",\"target\":[\"variable\",[\"template-tag\",\"tollgate\"]]}]"));
        assertThat(result.changes()).contains("completed Metabase's first-time setup: admin " + ADMIN,
                "created card \"Toll gate location\" (" + card("Toll gate location").get("id") + ")");
    }

    @Test
    void aReRunUpdatesInPlaceAndDuplicatesNothing() {
        List<Dashboard> dashboards = Dashboards.load(Path.of("").toAbsolutePath());
        MetabaseProvisioner.Result first = provisioner(PASSWORD, Duration.ofSeconds(5)).provision(dashboards);
        Map<Integer, List<String>> dashcardIds = dashcardIds();

        MetabaseProvisioner.Result second = provisioner(PASSWORD, Duration.ofSeconds(5)).provision(dashboards);

        assertThat(second.databaseId()).isEqualTo(first.databaseId());
        assertThat(second.collectionId()).isEqualTo(first.collectionId());
        assertThat(second.dashboardIds()).isEqualTo(first.dashboardIds());
        assertThat(metabase.count("POST /api/setup")).isOne();
        assertThat(metabase.count("POST /api/session")).isOne();
        assertThat(metabase.databases).hasSize(1);
        assertThat(metabase.collections).hasSize(1);
        assertThat(metabase.cards).hasSize(QUESTIONS);
        assertThat(metabase.activeCards()).hasSize(QUESTIONS);
        assertThat(metabase.dashboards).hasSize(dashboards.size());
        assertThat(metabase.count("POST /api/card")).isEqualTo(QUESTIONS);
        assertThat(metabase.count("POST /api/dashboard")).isEqualTo(dashboards.size());
        assertThat(dashcardIds()).as("the dashcards keep their ids").isEqualTo(dashcardIds);
        assertThat(second.changes()).noneMatch(change -> change.startsWith("created")).contains(
                "updated database \"Lakehouse marts\" (" + first.databaseId()
                        + "): lakehouse_bi@postgres:5432/lakehouse",
                "updated dashboard \"Traffic overview\" (" + first.dashboardIds().get("Traffic overview") + ")");
    }

    @Test
    void aRenamedQuestionReplacesItsCardOnTheDashboardAndTheOldCardIsArchived(@TempDir Path copy) throws IOException {
        Path definitions = copyOfDefinitions(copy);
        provisioner(PASSWORD, Duration.ofSeconds(5)).provision(Dashboards.load(definitions));
        int oldCard = card("Top products of the day").get("id").asInt();
        Path file = definitions.resolve("clickstream-overview.dashboard.json");
        Files.writeString(file, Files.readString(file).replace("\"Top products of the day\"",
                "\"Most viewed products of the day\""));

        MetabaseProvisioner.Result result = provisioner(PASSWORD, Duration.ofSeconds(5))
                .provision(Dashboards.load(definitions));

        assertThat(metabase.activeCards()).hasSize(QUESTIONS).extracting(c -> c.get("name").asText())
                .contains("Most viewed products of the day").doesNotContain("Top products of the day");
        assertThat(metabase.cards.get(oldCard).get("archived").asBoolean()).isTrue();
        ObjectNode overview = metabase.dashboards.get(result.dashboardIds().get("Clickstream overview"));
        assertThat(layout(overview)).contains("Most viewed products of the day @20,0 12x8")
                .doesNotContain("Top products of the day @20,0 12x8").hasSize(11);
        assertThat(result.changes()).contains("archived card \"Top products of the day\" (" + oldCard
                + "): no definition names it");
    }

    @Test
    void aWrongPasswordFailsWithAClearMessageAndChangesNothing() {
        metabase.withAdmin(ADMIN, PASSWORD);

        assertThatThrownBy(() -> provisioner("not-the-password", Duration.ofSeconds(5))
                .provision(Dashboards.load(Path.of("").toAbsolutePath())))
                .isInstanceOf(MetabaseException.class)
                .hasMessage("Metabase at " + metabase.url() + "/ refused the login of " + ADMIN + " (HTTP 401: "
                        + "password: did not match stored password). Metabase is already set up: give the e-mail and "
                        + "password of one of its admins (--metabase-user, METABASE_ADMIN_PASSWORD).");
        assertThat(metabase.databases).isEmpty();
        assertThat(metabase.cards).isEmpty();
        assertThat(metabase.count("POST /api/setup")).isZero();
    }

    @Test
    void aDatabaseMetabaseCannotReachFailsNamingWhereItLookedAndWhatToSet() {
        metabase.unreachableHosts.add("postgres");

        assertThatThrownBy(() -> provisioner(PASSWORD, Duration.ofSeconds(5))
                .provision(Dashboards.load(Path.of("").toAbsolutePath())))
                .isInstanceOf(MetabaseException.class)
                .hasMessage("Metabase could not register the marts database lakehouse_bi@postgres:5432/lakehouse "
                        + "(HTTP 400: host: Hmm, we couldn't connect to the database. Make sure your Host and Port "
                        + "settings are correct). The host and port are PostgreSQL as Metabase reaches it "
                        + "(--marts-host, --marts-port), the user the read-only role (--bi-user, "
                        + "LAKEHOUSE_STACK_BI_PASSWORD).");
        assertThat(metabase.databases).isEmpty();
        assertThat(metabase.cards).isEmpty();
    }

    @Test
    void aMetabaseThatNeverGetsReadyFailsAtTheDeadlineSayingWhatItLastAnswered() {
        metabase.notReadyFor = -1;
        long start = System.nanoTime();

        assertThatThrownBy(() -> provisioner(PASSWORD, Duration.ofMillis(600))
                .provision(Dashboards.load(Path.of("").toAbsolutePath())))
                .isInstanceOf(MetabaseException.class)
                .hasMessage("Metabase at " + metabase.url() + "/ is not ready after PT0.6S (last: GET /api/health "
                        + "answered HTTP 503: {\"status\":\"initializing\",\"progress\":0.5}). Is it running and done "
                        + "starting? Its log says when it is; wait longer with --ready-timeout.");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(600),
                Duration.ofSeconds(5));
        assertThat(metabase.count("GET /api/health")).isGreaterThan(3);
        assertThat(metabase.count("GET /api/session/properties")).isZero();
    }

    @Test
    void nothingListeningFailsAtTheDeadlineNamingTheAddress() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MetabaseSettings settings = settings(URI.create("http://127.0.0.1:" + port), PASSWORD, Duration.ofMillis(300));

        assertThatThrownBy(() -> new MetabaseProvisioner(settings, progress::add).provision(List.of()))
                .isInstanceOf(MetabaseException.class)
                .hasMessageStartingWith("Metabase at http://127.0.0.1:" + port + "/ is not ready after PT0.3S (last: "
                        + "GET http://127.0.0.1:" + port + "/api/health failed: ");
    }

    private MetabaseProvisioner provisioner(String password, Duration readyTimeout) {
        return new MetabaseProvisioner(settings(metabase.url(), password, readyTimeout), progress::add);
    }

    private static MetabaseSettings settings(URI url, String password, Duration readyTimeout) {
        return new MetabaseSettings(url, ADMIN, password, "Lakehouse", "Lakehouse", readyTimeout,
                Duration.ofMillis(50), MARTS);
    }

    private ObjectNode card(String name) {
        return metabase.activeCards().stream().filter(c -> c.get("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no card " + name));
    }

    private List<String> layout(ObjectNode dashboard) {
        List<String> layout = new ArrayList<>();
        for (JsonNode d : dashboard.get("dashcards")) {
            layout.add(metabase.cards.get(d.get("card_id").asInt()).get("name").asText() + " @" + d.get("row") + ","
                    + d.get("col") + " " + d.get("size_x") + "x" + d.get("size_y"));
        }
        return layout;
    }

    private Map<Integer, List<String>> dashcardIds() {
        return metabase.dashboards.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> {
            List<String> ids = new ArrayList<>();
            e.getValue().get("dashcards").forEach(d -> ids.add(d.get("id") + ":" + d.get("card_id")));
            return ids;
        }));
    }

    private static Map<String, Question> questions(List<Dashboard> dashboards) {
        return dashboards.stream().flatMap(d -> d.questions().stream())
                .collect(Collectors.toMap(Question::name, q -> q));
    }

    /** The definitions and their SQL folders, copied so a test can edit them. */
    private static Path copyOfDefinitions(Path target) throws IOException {
        Path source = Path.of("").toAbsolutePath();
        // Every question folder: each folder of the module but its sources and build output.
        try (Stream<Path> folders = Files.list(source)) {
            for (Path folder : folders.filter(Files::isDirectory).filter(f -> !Set.of("src", "target")
                    .contains(f.getFileName().toString())).toList()) {
                Files.createDirectories(target.resolve(folder.getFileName()));
                try (Stream<Path> files = Files.list(folder)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, target.resolve(folder.getFileName()).resolve(file.getFileName()));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.filter(f -> f.toString().endsWith(Dashboards.SUFFIX)).toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }
}

package io.github.flinklakehouse.dashboards.metabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.DashboardDefinition.ChartDefinition;
import io.github.flinklakehouse.dashboards.DashboardDefinition.FilterDefinition;
import io.github.flinklakehouse.dashboards.DashboardDefinition.Position;
import io.github.flinklakehouse.dashboards.Question;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Provisions the dashboards to Metabase (v0.50+) through its REST API, idempotently by name:
 * <ol>
 *   <li>waits until {@code GET /api/health} answers {@code {"status":"ok"}} (503 while Metabase starts), until
 *       {@link MetabaseSettings#readyTimeout()};</li>
 *   <li>a Metabase never set up ({@code GET /api/session/properties}: {@code has-user-setup} false and a
 *       {@code setup-token}) gets its first admin through {@code POST /api/setup}, which also logs in; otherwise
 *       {@code POST /api/session} logs in;</li>
 *   <li>the marts database with the read-only role: found by name in {@code GET /api/database} and updated
 *       ({@code PUT /api/database/:id}), or created ({@code POST /api/database}), syncing schema {@code marts}
 *       only;</li>
 *   <li>the collection of the provisioned content ({@code GET/POST /api/collection});</li>
 *   <li>every question a native card in it, found by name among the collection's cards
 *       ({@code GET /api/collection/:id/items?models=card}) and updated ({@code PUT /api/card/:id}) or created
 *       ({@code POST /api/card}); filters become template tags;</li>
 *   <li>every dashboard found by name in the collection ({@code GET /api/collection/:id/items?models=dashboard}) or
 *       created ({@code POST /api/dashboard}), then given its filters and exactly its cards at their places
 *       ({@code PUT /api/dashboard/:id} with {@code parameters} and {@code dashcards}; existing dashcards of a card
 *       keep their id);</li>
 *   <li>cards and dashboards of the collection that no definition names any more (a renamed or removed question) are
 *       archived, so a re-run leaves exactly one of each.</li>
 * </ol>
 */
public final class MetabaseProvisioner {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** A heat map's colour scale, low to high: the same as the built-in page's (dashboard.js). */
    private static final String HEATMAP_LOW = "#FFFFFF";
    private static final String HEATMAP_HIGH = "#509EE3";

    private final MetabaseSettings settings;
    private final MetabaseClient client;
    private final Consumer<String> progress;

    /** What a run did: the ids of the database, collection and dashboards, and one line per change. */
    public record Result(int databaseId, int collectionId, Map<String, Integer> dashboardIds, List<String> changes) {
    }

    public MetabaseProvisioner(MetabaseSettings settings, Consumer<String> progress) {
        this.settings = settings;
        this.progress = progress;
        this.client = new MetabaseClient(settings.url(), REQUEST_TIMEOUT, JSON);
    }

    /** Provisions {@code dashboards}; fails with a {@link MetabaseException} that says what to do. */
    public Result provision(List<Dashboard> dashboards) {
        List<String> changes = new ArrayList<>();
        awaitReady();
        logIn(changes);
        int database = ensureDatabase(changes);
        int collection = ensureCollection(changes);
        Map<String, Integer> cards = ensureCards(dashboards, database, collection, changes);
        Map<String, Integer> dashboardIds = ensureDashboards(dashboards, cards, collection, changes);
        // Only now, when no dashboard shows them any more.
        archiveCardsNotIn(collection, Set.copyOf(cards.values()), changes);
        return new Result(database, collection, dashboardIds, changes);
    }

    /** Polls {@code GET /api/health} until it answers 200 {@code {"status":"ok"}} or the ready timeout passed. */
    void awaitReady() {
        Instant deadline = Instant.now().plus(settings.readyTimeout());
        String last;
        boolean announced = false;
        while (true) {
            try {
                MetabaseClient.Answer answer = client.send("GET", "api/health", null);
                if (answer.ok() && answer.body() != null && "ok".equals(answer.body().path("status").asText())) {
                    return;
                }
                last = "GET /api/health answered HTTP " + answer.status() + ": " + answer.text().strip();
            } catch (MetabaseException e) {
                last = e.getMessage();
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new MetabaseException("Metabase at " + settings.url() + " is not ready after "
                        + settings.readyTimeout() + " (last: " + last + "). Is it running and done starting? Its log "
                        + "says when it is; wait longer with --ready-timeout.");
            }
            if (!announced) {
                progress.accept("waiting for Metabase at " + settings.url() + " to be ready (" + last + ")");
                announced = true;
            }
            try {
                Thread.sleep(settings.retryInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MetabaseException("interrupted while waiting for Metabase at " + settings.url(), e);
            }
        }
    }

    private void logIn(List<String> changes) {
        JsonNode properties = client.get("api/session/properties");
        String token = properties.path("setup-token").isTextual() ? properties.get("setup-token").asText() : null;
        boolean setUp = properties.path("has-user-setup").asBoolean(false);
        if (!setUp && token != null) {
            ObjectNode body = client.object();
            body.put("token", token);
            ObjectNode user = body.putObject("user");
            user.put("first_name", "Lakehouse");
            user.put("last_name", "Admin");
            user.put("email", settings.adminEmail());
            user.put("password", settings.adminPassword());
            user.put("site_name", settings.siteName());
            ObjectNode prefs = body.putObject("prefs");
            prefs.put("site_name", settings.siteName());
            prefs.put("site_locale", "en");
            prefs.put("allow_tracking", false);
            MetabaseClient.Answer answer = client.send("POST", "api/setup", body);
            if (!answer.ok()) {
                throw new MetabaseException("Metabase's first-time setup (POST /api/setup) refused the admin "
                        + settings.adminEmail() + ": HTTP " + answer.status() + ": " + MetabaseClient.message(answer));
            }
            client.session(answer.body().path("id").asText());
            changes.add("completed Metabase's first-time setup: admin " + settings.adminEmail());
            return;
        }
        ObjectNode credentials = client.object();
        credentials.put("username", settings.adminEmail());
        credentials.put("password", settings.adminPassword());
        MetabaseClient.Answer answer = client.send("POST", "api/session", credentials);
        if (answer.status() == 401 || answer.status() == 400) {
            throw new MetabaseException("Metabase at " + settings.url() + " refused the login of "
                    + settings.adminEmail() + " (HTTP " + answer.status() + ": " + MetabaseClient.message(answer)
                    + "). Metabase is already set up: give the e-mail and password of one of its admins "
                    + "(--metabase-user, METABASE_ADMIN_PASSWORD).");
        }
        if (!answer.ok() || answer.body() == null || !answer.body().hasNonNull("id")) {
            throw new MetabaseException("POST /api/session answered HTTP " + answer.status() + ": "
                    + MetabaseClient.message(answer));
        }
        client.session(answer.body().get("id").asText());
    }

    private int ensureDatabase(List<String> changes) {
        MetabaseSettings.MartsDatabase marts = settings.database();
        ObjectNode body = client.object();
        body.put("name", marts.name());
        body.put("engine", "postgres");
        ObjectNode details = body.putObject("details");
        details.put("host", marts.host());
        details.put("port", marts.port());
        details.put("dbname", marts.dbname());
        details.put("user", marts.user());
        details.put("password", marts.password());
        details.put("ssl", false);
        details.put("schema-filters-type", "inclusion");
        details.put("schema-filters-patterns", marts.schema());
        JsonNode listing = client.get("api/database");
        JsonNode databases = listing.isArray() ? listing : listing.path("data");
        String where = marts.user() + "@" + marts.host() + ":" + marts.port() + "/" + marts.dbname();
        Integer id = null;
        for (JsonNode database : databases) {
            if (marts.name().equals(database.path("name").asText())) {
                id = database.get("id").asInt();
            }
        }
        if (id == null) {
            body.put("is_full_sync", true);
        }
        // Metabase connects before it saves the details, and refuses what it cannot reach.
        MetabaseClient.Answer answer = client.send(id == null ? "POST" : "PUT",
                id == null ? "api/database" : "api/database/" + id, body);
        if (!answer.ok()) {
            throw new MetabaseException("Metabase could not register the marts database " + where + " (HTTP "
                    + answer.status() + ": " + MetabaseClient.message(answer) + "). The host and port are PostgreSQL "
                    + "as Metabase reaches it (--marts-host, --marts-port), the user the read-only role (--bi-user, "
                    + "LAKEHOUSE_STACK_BI_PASSWORD).");
        }
        if (id == null) {
            id = answer.body().get("id").asInt();
            changes.add("created database \"" + marts.name() + "\" (" + id + "): " + where);
        } else {
            changes.add("updated database \"" + marts.name() + "\" (" + id + "): " + where);
        }
        return id;
    }

    private int ensureCollection(List<String> changes) {
        for (JsonNode collection : client.get("api/collection")) {
            if (collection.path("id").isInt() && settings.collection().equals(collection.path("name").asText())
                    && !collection.path("archived").asBoolean(false) && !collection.hasNonNull("personal_owner_id")) {
                return collection.get("id").asInt();
            }
        }
        ObjectNode body = client.object();
        body.put("name", settings.collection());
        body.put("description", "Provisioned by lakehouse dashboards provision from deploy/dashboards: edits here "
                + "are overwritten by the next run.");
        int id = client.post("api/collection", body).get("id").asInt();
        changes.add("created collection \"" + settings.collection() + "\" (" + id + ")");
        return id;
    }

    private Map<String, Integer> ensureCards(List<Dashboard> dashboards, int database, int collection,
            List<String> changes) {
        Map<String, Integer> existing = new HashMap<>();
        items(collection, "card").forEach(card -> existing.putIfAbsent(card.path("name").asText(),
                card.get("id").asInt()));
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Dashboard dashboard : dashboards) {
            for (Question question : dashboard.questions()) {
                ObjectNode body = card(dashboard, question, database, collection);
                Integer id = existing.get(question.name());
                if (id == null) {
                    id = client.post("api/card", body).get("id").asInt();
                    changes.add("created card \"" + question.name() + "\" (" + id + ")");
                } else {
                    client.put("api/card/" + id, body);
                    changes.add("updated card \"" + question.name() + "\" (" + id + ")");
                }
                ids.put(question.name(), id);
            }
        }
        return ids;
    }

    /** Archives the collection's cards that are not {@code kept}: renamed or removed questions. */
    private void archiveCardsNotIn(int collection, Set<Integer> kept, List<String> changes) {
        for (JsonNode card : items(collection, "card")) {
            int id = card.get("id").asInt();
            if (!kept.contains(id)) {
                ObjectNode archive = client.object();
                archive.put("archived", true);
                client.put("api/card/" + id, archive);
                changes.add("archived card \"" + card.path("name").asText() + "\" (" + id
                        + "): no definition names it");
            }
        }
    }

    private ObjectNode card(Dashboard dashboard, Question question, int database, int collection) {
        ObjectNode body = client.object();
        body.put("name", question.name());
        body.put("description", Optional.ofNullable(question.definition().description()).orElse("")
                + " (" + question.definition().sql() + ")");
        body.put("collection_id", collection);
        ObjectNode query = body.putObject("dataset_query");
        query.put("type", "native");
        query.put("database", database);
        ObjectNode nativeQuery = query.putObject("native");
        nativeQuery.put("query", question.metabaseSql());
        ObjectNode tags = nativeQuery.putObject("template-tags");
        Map<String, FilterDefinition> filters = filters(dashboard);
        new TreeMap<>(question.definition().filters()).keySet().forEach(filter -> {
            ObjectNode tag = tags.putObject(filter);
            tag.put("id", templateTagId(question, filter));
            tag.put("name", filter);
            tag.put("display-name", filters.get(filter).name());
            tag.put("type", filters.get(filter).type());
        });
        ChartDefinition chart = question.definition().chart();
        body.put("display", switch (chart.type()) {
            case "pin_map" -> "map";
            // Metabase has no heat map for native questions: the table, its cells coloured on one scale.
            case "heatmap" -> "table";
            default -> chart.type();
        });
        ObjectNode visualization = body.putObject("visualization_settings");
        switch (chart.type()) {
            case "line", "area", "bar", "row" -> {
                ArrayNode dimensions = visualization.putArray("graph.dimensions").add(chart.x());
                if (chart.series() != null) {
                    dimensions.add(chart.series());
                }
                ArrayNode metrics = visualization.putArray("graph.metrics");
                chart.y().forEach(metrics::add);
            }
            case "pie" -> {
                visualization.put("pie.dimension", chart.x());
                visualization.put("pie.metric", chart.y().get(0));
            }
            case "scalar" -> visualization.put("scalar.field", chart.y().get(0));
            case "pin_map" -> {
                visualization.put("map.type", "pin");
                visualization.put("map.latitude_column", chart.latitude());
                visualization.put("map.longitude_column", chart.longitude());
            }
            case "heatmap" -> {
                // Conditional formatting "range", min and max over all the rule's columns: one colour scale.
                ObjectNode range = visualization.putArray("table.column_formatting").addObject();
                ArrayNode cells = range.putArray("columns");
                chart.y().forEach(cells::add);
                range.put("type", "range");
                range.putArray("colors").add(HEATMAP_LOW).add(HEATMAP_HIGH);
                range.put("min_type", "all");
                range.put("max_type", "all");
                range.put("highlight_row", false);
            }
            default -> {
                // table: Metabase's defaults
            }
        }
        return body;
    }

    private Map<String, Integer> ensureDashboards(List<Dashboard> dashboards, Map<String, Integer> cards,
            int collection, List<String> changes) {
        Map<String, Integer> existing = new HashMap<>();
        List<JsonNode> ours = items(collection, "dashboard");
        ours.forEach(dashboard -> existing.putIfAbsent(dashboard.path("name").asText(), dashboard.get("id").asInt()));
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (Dashboard dashboard : dashboards) {
            Integer id = existing.get(dashboard.name());
            ArrayNode parameters = parameters(dashboard);
            if (id == null) {
                ObjectNode create = client.object();
                create.put("name", dashboard.name());
                create.put("description", dashboard.definition().description());
                create.put("collection_id", collection);
                create.set("parameters", parameters);
                id = client.post("api/dashboard", create).get("id").asInt();
                changes.add("created dashboard \"" + dashboard.name() + "\" (" + id + ")");
            } else {
                changes.add("updated dashboard \"" + dashboard.name() + "\" (" + id + ")");
            }
            // Keep the dashcard ids of cards already on it (Metabase deletes the dashcards a PUT does not name).
            Map<Integer, Integer> dashcardOfCard = new HashMap<>();
            for (JsonNode dashcard : client.get("api/dashboard/" + id).path("dashcards")) {
                dashcardOfCard.putIfAbsent(dashcard.path("card_id").asInt(), dashcard.get("id").asInt());
            }
            ObjectNode update = client.object();
            update.put("name", dashboard.name());
            update.put("description", dashboard.definition().description());
            update.put("collection_id", collection);
            update.set("parameters", parameters);
            ArrayNode dashcards = update.putArray("dashcards");
            int newId = -1;
            for (Question question : dashboard.questions()) {
                int card = cards.get(question.name());
                Position position = question.definition().position();
                ObjectNode dashcard = dashcards.addObject();
                Integer existingDashcard = dashcardOfCard.remove(card);
                dashcard.put("id", existingDashcard == null ? newId-- : existingDashcard);
                dashcard.put("card_id", card);
                dashcard.put("row", position.row());
                dashcard.put("col", position.col());
                dashcard.put("size_x", position.width());
                dashcard.put("size_y", position.height());
                dashcard.putArray("series");
                dashcard.putObject("visualization_settings");
                ArrayNode mappings = dashcard.putArray("parameter_mappings");
                new TreeMap<>(question.definition().filters()).keySet().forEach(filter -> {
                    ObjectNode mapping = mappings.addObject();
                    mapping.put("parameter_id", filter);
                    mapping.put("card_id", card);
                    mapping.putArray("target").add("variable").addArray().add("template-tag").add(filter);
                });
            }
            client.put("api/dashboard/" + id, update);
            ids.put(dashboard.name(), id);
        }
        Set<Integer> kept = Set.copyOf(ids.values());
        for (JsonNode dashboard : ours) {
            int id = dashboard.get("id").asInt();
            if (!kept.contains(id)) {
                ObjectNode archive = client.object();
                archive.put("archived", true);
                client.put("api/dashboard/" + id, archive);
                changes.add("archived dashboard \"" + dashboard.path("name").asText() + "\" (" + id
                        + "): no definition names it");
            }
        }
        return ids;
    }

    /**
     * The collection's items of one {@code model} ({@code card}, {@code dashboard}) that are not archived:
     * {@code GET /api/collection/:id/items?models=...}, the listing Metabase's own UI uses (its answer is
     * {@code {"data": [...], "total": n}}).
     */
    private List<JsonNode> items(int collection, String model) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode answer = client.get("api/collection/" + collection + "/items?models=" + model + "&archived=false");
        for (JsonNode item : answer.isArray() ? answer : answer.path("data")) {
            if (model.equals(item.path("model").asText()) && !item.path("archived").asBoolean(false)) {
                items.add(item);
            }
        }
        return items;
    }

    private ArrayNode parameters(Dashboard dashboard) {
        ArrayNode parameters = JSON.createArrayNode();
        for (FilterDefinition filter : dashboard.definition().filters()) {
            ObjectNode parameter = parameters.addObject();
            parameter.put("id", filter.id());
            parameter.put("name", filter.name());
            parameter.put("slug", filter.id());
            parameter.put("type", filter.type().equals("number") ? "number/=" : "string/=");
            parameter.put("sectionId", filter.type().equals("number") ? "number" : "string");
        }
        return parameters;
    }

    private static Map<String, FilterDefinition> filters(Dashboard dashboard) {
        return dashboard.definition().filters().stream().collect(Collectors.toMap(FilterDefinition::id, f -> f));
    }

    /** A template tag's id, the same on every run (Metabase keeps tag ids stable between edits of a card). */
    private static String templateTagId(Question question, String filter) {
        return UUID.nameUUIDFromBytes((question.name() + "\n" + filter).getBytes(StandardCharsets.UTF_8)).toString();
    }
}

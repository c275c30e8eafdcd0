package io.github.flinklakehouse.dashboards.metabase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Metabase v0.50+ on 127.0.0.1 (also for other modules' tests, through this module's test jar): the endpoints the provisioner uses, in their documented request and
 * response shapes (metabase.com/docs/v0.50/api), with Metabase's checks on what it is sent:
 * <ul>
 *   <li>{@code GET /api/health}: 503 {@code {"status":"initializing","progress":...}} for the first
 *       {@link #notReadyFor} requests (for ever when negative), then 200 {@code {"status":"ok"}};</li>
 *   <li>{@code GET /api/session/properties}: {@code setup-token} (null once set up), {@code has-user-setup};</li>
 *   <li>{@code POST /api/setup} ({@code token}, {@code user}, {@code prefs}; the token must match, only once) and
 *       {@code POST /api/session} ({@code username}, {@code password}; 401 {@code {"errors":{"password":"did not
 *       match stored password"}}}): both answer {@code {"id": "<session>"}};</li>
 *   <li>every other endpoint needs a known {@code X-Metabase-Session} (else 401 {@code Unauthenticated});</li>
 *   <li>{@code GET /api/database} ({@code {"data": [...], "total": n}}), {@code POST /api/database},
 *       {@code PUT /api/database/:id} (name, engine, details required on create; the password is answered as
 *       {@code **MetabasePass**});</li>
 *   <li>{@code GET /api/collection} (a list with the root collection {@code "id":"root"} first),
 *       {@code POST /api/collection}, {@code GET /api/collection/:id/items?models=card&models=dashboard} (its items,
 *       {@code {"total": n, "data": [{"id", "name", "model"}]}}, archived ones only with {@code archived=true});</li>
 *   <li>{@code POST /api/card} (name, dataset_query, display,
 *       visualization_settings required), {@code PUT /api/card/:id} (the fields given);</li>
 *   <li>{@code POST /api/dashboard}, {@code GET /api/dashboard/:id} (with
 *       {@code dashcards}), {@code PUT /api/dashboard/:id}: {@code dashcards} replace the dashboard's cards (an id of
 *       one of its dashcards keeps it, a negative id creates one, one not named is deleted); each needs an existing
 *       card, {@code size_x}/{@code size_y} > 0 and {@code row}/{@code col} >= 0 (Metabase's
 *       {@code UpdatedDashboardCard} schema), and a parameter mapping a target and one of the dashboard's
 *       parameters.</li>
 * </ul>
 */
public final class FakeMetabase implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_PATH = Pattern.compile("/api/(database|card|dashboard)/(\\d+)");
    private static final Pattern ITEMS_PATH = Pattern.compile("/api/collection/(\\d+)/items");

    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger(1);
    public final String setupToken = UUID.randomUUID().toString();
    public final Map<String, String> users = new LinkedHashMap<>();
    public final Set<String> sessions = new HashSet<>();
    public final Map<Integer, ObjectNode> databases = new LinkedHashMap<>();
    public final Map<Integer, ObjectNode> collections = new LinkedHashMap<>();
    public final Map<Integer, ObjectNode> cards = new LinkedHashMap<>();
    public final Map<Integer, ObjectNode> dashboards = new LinkedHashMap<>();
    public final List<String> requests = new ArrayList<>();
    public final Set<String> unreachableHosts = new HashSet<>();
    public volatile int notReadyFor;
    private int healthRequests;

    static {
        // Answers without Nagle's delay (the JDK server's option, read once per JVM): about 40 ms less per request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeMetabase() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeMetabase start() {
        try {
            return new FakeMetabase();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A Metabase already set up with this admin, as after someone finished its setup page. */
    public FakeMetabase withAdmin(String email, String password) {
        users.put(email, password);
        return this;
    }

    public long count(String request) {
        synchronized (this) {
            return requests.stream().filter(request::equals).count();
        }
    }

    public List<ObjectNode> activeCards() {
        return cards.values().stream().filter(c -> !c.path("archived").asBoolean()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceAll("/$", "");
        requests.add(method + " " + path);
        JsonNode body = null;
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length > 0) {
            body = JSON.readTree(bytes);
        }
        Object[] answer;
        try {
            answer = answer(exchange, method, path, body);
        } catch (BadRequest e) {
            answer = new Object[] {e.status, e.body};
        }
        int status = (int) answer[0];
        byte[] out = (answer[1] instanceof String text ? text : JSON.writeValueAsString(answer[1]))
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                answer[1] instanceof String ? "text/plain" : "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private Object[] answer(HttpExchange exchange, String method, String path, JsonNode body) {
        switch (method + " " + path) {
            case "GET /api/health" -> {
                healthRequests++;
                if (notReadyFor < 0 || healthRequests <= notReadyFor) {
                    return new Object[] {503, JSON.createObjectNode().put("status", "initializing")
                            .put("progress", 0.5)};
                }
                return new Object[] {200, JSON.createObjectNode().put("status", "ok")};
            }
            case "GET /api/session/properties" -> {
                ObjectNode properties = JSON.createObjectNode();
                properties.put("setup-token", users.isEmpty() ? setupToken : null);
                properties.put("has-user-setup", !users.isEmpty());
                properties.putObject("version").put("tag", "v0.50.36");
                return new Object[] {200, properties};
            }
            case "POST /api/setup" -> {
                if (!users.isEmpty()) {
                    return new Object[] {403, "The /api/setup route can only be used to create the first user, "
                            + "however a user currently exists."};
                }
                if (!setupToken.equals(text(body, "token"))) {
                    throw new BadRequest(400, errors("token", "Token does not match the setup token."));
                }
                JsonNode user = body.path("user");
                require(user, "email");
                require(user, "password");
                require(body.path("prefs"), "site_name");
                users.put(user.get("email").asText(), user.get("password").asText());
                return session();
            }
            case "POST /api/session" -> {
                require(body, "username");
                require(body, "password");
                String known = users.get(body.get("username").asText());
                if (known == null || !known.equals(body.get("password").asText())) {
                    return new Object[] {401, errors("password", "did not match stored password")};
                }
                return session();
            }
            default -> {
                // the endpoints below need a session
            }
        }
        if (!sessions.contains(exchange.getRequestHeaders().getFirst(MetabaseClient.SESSION_HEADER))) {
            return new Object[] {401, "Unauthenticated"};
        }
        Matcher items = ITEMS_PATH.matcher(path);
        if (method.equals("GET") && items.matches()) {
            return collectionItems(Integer.parseInt(items.group(1)), exchange.getRequestURI().getQuery());
        }
        Matcher withId = ID_PATH.matcher(path);
        if (withId.matches()) {
            int id = Integer.parseInt(withId.group(2));
            Map<Integer, ObjectNode> table = switch (withId.group(1)) {
                case "database" -> databases;
                case "card" -> cards;
                default -> dashboards;
            };
            ObjectNode item = table.get(id);
            if (item == null) {
                return new Object[] {404, "Not found."};
            }
            if (method.equals("GET") && withId.group(1).equals("dashboard")) {
                return new Object[] {200, item};
            }
            if (method.equals("PUT")) {
                if (withId.group(1).equals("database")) {
                    checkConnection(body);
                }
                if (withId.group(1).equals("dashboard")) {
                    updateDashboard(item, (ObjectNode) body);
                } else {
                    body.fields().forEachRemaining(field -> item.set(field.getKey(), field.getValue()));
                    obfuscate(item);
                }
                return new Object[] {200, item};
            }
        }
        switch (method + " " + path) {
            case "GET /api/database" -> {
                ObjectNode page = JSON.createObjectNode();
                page.putArray("data").addAll(databases.values());
                page.put("total", databases.size());
                return new Object[] {200, page};
            }
            case "POST /api/database" -> {
                require(body, "name");
                require(body, "engine");
                if (!body.path("details").isObject()) {
                    throw new BadRequest(400, errors("details", "value must be a map."));
                }
                checkConnection(body);
                return created(databases, (ObjectNode) body);
            }
            case "GET /api/collection" -> {
                ArrayNode list = JSON.createArrayNode();
                list.addObject().put("id", "root").put("name", "Our analytics").put("can_write", true);
                list.addAll(collections.values());
                return new Object[] {200, list};
            }
            case "POST /api/collection" -> {
                require(body, "name");
                ObjectNode collection = ((ObjectNode) body).put("archived", false).put("location", "/");
                collection.putNull("personal_owner_id");
                return created(collections, collection);
            }
            case "POST /api/card" -> {
                require(body, "name");
                require(body, "display");
                for (String map : List.of("dataset_query", "visualization_settings")) {
                    if (!body.path(map).isObject()) {
                        throw new BadRequest(400, errors(map, "value must be a map."));
                    }
                }
                return created(cards, ((ObjectNode) body).put("archived", false));
            }
            case "POST /api/dashboard" -> {
                require(body, "name");
                ObjectNode dashboard = ((ObjectNode) body).put("archived", false);
                if (!dashboard.has("parameters")) {
                    dashboard.putArray("parameters");
                }
                dashboard.putArray("dashcards");
                return created(dashboards, dashboard);
            }
            default -> {
                return new Object[] {404, "API endpoint does not exist."};
            }
        }
    }

    /**
     * Metabase connects with the details before it saves them; here the hosts in {@link #unreachableHosts} cannot be
     * reached, and the answer is the one Metabase gives then.
     */
    private void checkConnection(JsonNode body) {
        if (unreachableHosts.contains(body.path("details").path("host").asText())) {
            ObjectNode answer = errors("host", "Hmm, we couldn't connect to the database. Make sure your Host and Port "
                    + "settings are correct");
            answer.put("message", "Hmm, we couldn't connect to the database. Make sure your Host and Port settings "
                    + "are correct");
            throw new BadRequest(400, answer);
        }
    }

    /**
     * {@code GET /api/collection/:id/items?models=card&models=dashboard&archived=false}: the collection's cards and
     * dashboards (not archived unless {@code archived=true}) as {@code {"total": n, "data": [{"id", "name", "model",
     * ...}], "models": [...], "limit": null, "offset": null}}.
     */
    private Object[] collectionItems(int collection, String query) {
        if (!collections.containsKey(collection)) {
            return new Object[] {404, "Not found."};
        }
        Set<String> models = new HashSet<>();
        boolean archived = false;
        for (String parameter : query == null ? new String[0] : query.split("&")) {
            String[] pair = parameter.split("=", 2);
            if (pair[0].equals("models")) {
                models.add(pair[1]);
            } else if (pair[0].equals("archived")) {
                archived = Boolean.parseBoolean(pair[1]);
            }
        }
        ArrayNode data = JSON.createArrayNode();
        for (String model : List.of("card", "dashboard")) {
            if (!models.isEmpty() && !models.contains(model)) {
                continue;
            }
            for (ObjectNode item : (model.equals("card") ? cards : dashboards).values()) {
                if (item.path("collection_id").asInt(-1) == collection
                        && item.path("archived").asBoolean() == archived) {
                    data.addObject().put("id", item.get("id").asInt()).put("name", item.get("name").asText())
                            .put("model", model).put("archived", archived)
                            .put("description", item.path("description").asText(null));
                }
            }
        }
        ObjectNode page = JSON.createObjectNode();
        page.put("total", data.size());
        page.set("data", data);
        page.putArray("models").addAll(models.stream().sorted().map(JSON.getNodeFactory()::textNode).toList());
        page.putNull("limit");
        page.putNull("offset");
        return new Object[] {200, page};
    }

    private void updateDashboard(ObjectNode dashboard, ObjectNode body) {
        JsonNode dashcards = body.remove("dashcards");
        body.fields().forEachRemaining(field -> dashboard.set(field.getKey(), field.getValue()));
        if (dashcards == null) {
            return;
        }
        Set<String> parameters = new HashSet<>();
        dashboard.path("parameters").forEach(p -> parameters.add(p.path("id").asText()));
        Map<Integer, JsonNode> current = new LinkedHashMap<>();
        dashboard.path("dashcards").forEach(d -> current.put(d.get("id").asInt(), d));
        ArrayNode next = JSON.createArrayNode();
        for (JsonNode dashcard : dashcards) {
            for (String field : List.of("id", "card_id", "row", "col", "size_x", "size_y")) {
                if (!dashcard.path(field).isInt()) {
                    throw new BadRequest(400, errors("dashcards", field + " value must be an integer."));
                }
            }
            if (dashcard.get("size_x").asInt() < 1 || dashcard.get("size_y").asInt() < 1
                    || dashcard.get("row").asInt() < 0 || dashcard.get("col").asInt() < 0) {
                throw new BadRequest(400, errors("dashcards", "size_x and size_y must be integers greater than zero,"
                        + " row and col integers greater than or equal to zero."));
            }
            int id = dashcard.get("id").asInt();
            if (id >= 0 && !current.containsKey(id)) {
                throw new BadRequest(400, errors("dashcards", "dashcard " + id + " is not on dashboard "
                        + dashboard.get("id")));
            }
            if (!cards.containsKey(dashcard.get("card_id").asInt())) {
                throw new BadRequest(400, errors("dashcards", "card " + dashcard.get("card_id") + " does not exist"));
            }
            for (JsonNode mapping : dashcard.path("parameter_mappings")) {
                if (!mapping.has("target")) {
                    throw new BadRequest(400, errors("dashcards", "a parameter mapping needs a target."));
                }
                if (!parameters.contains(mapping.path("parameter_id").asText())) {
                    throw new BadRequest(400, JSON.createObjectNode().put("message", "Dashboard "
                            + dashboard.get("id") + " does not have a parameter with the ID "
                            + mapping.path("parameter_id").asText()));
                }
            }
            ObjectNode stored = ((ObjectNode) dashcard.deepCopy()).put("id", id < 0 ? ids.getAndIncrement() : id)
                    .put("dashboard_id", dashboard.get("id").asInt());
            stored.set("card", cards.get(dashcard.get("card_id").asInt()));
            next.add(stored);
        }
        dashboard.set("dashcards", next);
    }

    private Object[] created(Map<Integer, ObjectNode> table, ObjectNode item) {
        int id = ids.getAndIncrement();
        item.put("id", id);
        table.put(id, item);
        obfuscate(item);
        return new Object[] {200, item};
    }

    private static void obfuscate(ObjectNode item) {
        if (item.path("details").isObject() && item.path("details").has("password")) {
            // Metabase keeps the password and answers this in its place.
            item.set("stored_password", item.path("details").get("password"));
            ((ObjectNode) item.get("details")).put("password", "**MetabasePass**");
        }
    }

    private Object[] session() {
        String id = UUID.randomUUID().toString();
        sessions.add(id);
        return new Object[] {200, JSON.createObjectNode().put("id", id)};
    }

    private static String text(JsonNode body, String field) {
        return body == null || !body.path(field).isTextual() ? null : body.get(field).asText();
    }

    private static void require(JsonNode body, String field) {
        if (body == null || !body.path(field).isTextual() || body.get(field).asText().isBlank()) {
            throw new BadRequest(400, errors(field, "value must be a non-blank string."));
        }
    }

    private static ObjectNode errors(String field, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("errors").put(field, message);
        return body;
    }

    private static final class BadRequest extends RuntimeException {
        final int status;
        final Object body;

        BadRequest(int status, Object body) {
            super(body.toString());
            this.status = status;
            this.body = body;
        }
    }
}

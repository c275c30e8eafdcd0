package io.github.flinklakehouse.dashboards.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.flinklakehouse.dashboards.Dashboard;
import io.github.flinklakehouse.dashboards.Question;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboards as a local web page, without Metabase: the same definitions ({@code *.dashboard.json}), each
 * dashboard a page whose questions are drawn by Apache ECharts (served from its WebJar, no CDN) and asked again every
 * {@code refresh}. Listens on loopback only and answers GET only; {@link WebOriginPolicy#loopbackPage()} refuses
 * foreign host names (DNS rebinding) and other origins' pages. Questions run through {@link MartsReader} (the
 * read-only role, a statement timeout, a row limit); a failed question is an answer with its error, shown on its chart;
 * a question whose mart does not exist yet answers a notice naming the mart and what fills it (the definition's
 * {@code filledBy}), shown on its chart instead of an error.
 *
 * <pre>
 *   GET /                                   the list of dashboards     (page.html + dashboard.js)
 *   GET /dashboards/{slug}                  one dashboard              (the same page)
 *   GET /api/dashboards                     [{slug, name, description, pipeline}]
 *   GET /api/dashboards/{slug}              {name, description, refreshSeconds, filters,
 *                                            questions: [{name, columns, chart, filters, position}]}
 *   GET /api/dashboards/{slug}/questions/{i}?{filter}={value}   {columns, rows, truncated, error, notice, missingMart}
 *   GET /assets/{dashboard.js, dashboard.css, echarts.min.js}
 * </pre>
 */
public final class DashboardServer implements AutoCloseable {
    /** ECharts' file in its WebJar ({@code org.webjars.npm:echarts}); the version is the dependency's. */
    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final Pattern DASHBOARD = Pattern.compile("/dashboards/([a-z0-9][a-z0-9_.-]*)");
    private static final Pattern API_DASHBOARD = Pattern.compile("/api/dashboards/([a-z0-9][a-z0-9_.-]*)");
    private static final Pattern API_QUESTION =
            Pattern.compile("/api/dashboards/([a-z0-9][a-z0-9_.-]*)/questions/(\\d{1,4})");
    private static final Map<String, String> ASSETS = Map.of(
            "/assets/dashboard.js", "text/javascript; charset=UTF-8",
            "/assets/dashboard.css", "text/css; charset=UTF-8",
            "/assets/echarts.min.js", "text/javascript; charset=UTF-8");
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService workers;
    private final Map<String, Dashboard> dashboards = new LinkedHashMap<>();
    private final MartsReader marts;
    private final Duration refresh;
    private final WebOriginPolicy policy = WebOriginPolicy.loopbackPage();

    private DashboardServer(HttpServer server, ExecutorService workers, List<Dashboard> dashboards, MartsReader marts,
            Duration refresh) {
        this.server = server;
        this.workers = workers;
        dashboards.forEach(dashboard -> this.dashboards.put(dashboard.slug(), dashboard));
        this.marts = marts;
        this.refresh = refresh;
    }

    /**
     * Serves {@code dashboards} on {@code 127.0.0.1:port} (0: a free port), reading through {@code marts}, each page
     * asking its questions again every {@code refresh}.
     */
    public static DashboardServer start(List<Dashboard> dashboards, MartsReader marts, int port, Duration refresh)
            throws IOException {
        AtomicInteger threads = new AtomicInteger();
        // A few threads: one page asks its questions side by side; PostgreSQL gets no more connections than this.
        ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dashboards-page-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        DashboardServer page = new DashboardServer(server, workers, dashboards, marts, refresh);
        server.createContext("/", page::handle);
        server.setExecutor(workers);
        server.start();
        return page;
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The address of one dashboard's page. */
    public URI url(Dashboard dashboard) {
        return url().resolve("dashboards/" + dashboard.slug());
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Optional<String> refusal = policy.refusal(method, exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("Origin"));
            if (refusal.isPresent()) {
                sendError(exchange, 403, refusal.get());
            } else if (!"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET");
                sendError(exchange, 405, method + " is not allowed: this page is read-only (GET only)");
            } else {
                route(exchange, exchange.getRequestURI().getPath());
            }
        } catch (IOException | UncheckedIOException e) {
            // The browser went away mid-answer: nothing left to answer.
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        Matcher question = API_QUESTION.matcher(path);
        Matcher apiDashboard = API_DASHBOARD.matcher(path);
        Matcher page = DASHBOARD.matcher(path);
        if (path.equals("/") || page.matches() && dashboards.containsKey(page.group(1))) {
            sendResource(exchange, "page.html", "text/html; charset=UTF-8");
        } else if (ASSETS.containsKey(path)) {
            sendResource(exchange, path, ASSETS.get(path));
        } else if (path.equals("/api/dashboards")) {
            sendJson(exchange, 200, dashboards.values().stream().map(d -> Map.of("slug", d.slug(), "name", d.name(),
                    "description", String.valueOf(d.definition().description()), "pipeline", d.pipeline())).toList());
        } else if (apiDashboard.matches() && dashboards.containsKey(apiDashboard.group(1))) {
            sendJson(exchange, 200, definition(dashboards.get(apiDashboard.group(1))));
        } else if (question.matches() && dashboards.containsKey(question.group(1))
                && Integer.parseInt(question.group(2)) < dashboards.get(question.group(1)).questions().size()) {
            Dashboard dashboard = dashboards.get(question.group(1));
            Question asked = dashboard.questions().get(Integer.parseInt(question.group(2)));
            try {
                QuestionRows answer = marts.read(asked, PageFilters.of(dashboard, asked,
                        exchange.getRequestURI().getRawQuery()));
                if (answer.missingMart() != null) {
                    // A pipeline that is off (warehouse, quality rules) or not started yet: say which, not an error.
                    answer = answer.withNotice(answer.notice() + ": "
                            + dashboard.definition().whatFills(answer.missingMart()) + " fills it");
                }
                sendJson(exchange, 200, answer);
            } catch (IllegalArgumentException e) {
                sendJson(exchange, 200, QuestionRows.failed(e.getMessage()));
            }
        } else {
            sendError(exchange, 404, "No such page or dashboard: " + path + " (the dashboards: "
                    + String.join(", ", dashboards.keySet()) + ")");
        }
    }

    private Map<String, Object> definition(Dashboard dashboard) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("slug", dashboard.slug());
        body.put("name", dashboard.name());
        body.put("description", dashboard.definition().description());
        body.put("refreshSeconds", Math.max(1, refresh.toSeconds()));
        body.put("filters", dashboard.definition().filters());
        body.put("questions", dashboard.definition().questions());
        return body;
    }

    private void sendResource(HttpExchange exchange, String name, String contentType) throws IOException {
        String resource = name.equals("/assets/echarts.min.js") ? ECHARTS : name.replace("/assets/", "");
        try (InputStream in = DashboardServer.class.getResourceAsStream(resource)) {
            if (in == null) {
                sendError(exchange, 500, "missing from the classpath: " + resource);
                return;
            }
            send(exchange, 200, contentType, in.readAllBytes());
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=UTF-8", JSON.writeValueAsBytes(body));
    }

    private static void sendError(HttpExchange exchange, int status, String message) throws IOException {
        sendJson(exchange, status, Map.of("error", message));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
        // Scripts from this page only; ECharts sets element styles (inline), the page fetches its own API only.
        headers.set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; frame-ancestors 'none'");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

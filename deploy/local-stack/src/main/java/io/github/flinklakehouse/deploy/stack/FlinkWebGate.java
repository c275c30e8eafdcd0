package io.github.flinklakehouse.deploy.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.dashboards.web.WebOriginPolicy;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Flink web UI's public port: a reverse proxy, in the JVM that owns the stack, in front of the JobManager's REST
 * server (which listens on a loopback port of its own), refusing with 403 what {@link WebOriginPolicy} refuses.
 * Bodies are streamed both ways, so a 177 MB jar upload is never held in memory. Built on the JDK's HTTP server and
 * client: no HTTP parsing of its own.
 */
final class FlinkWebGate implements RunningService {
    private static final Logger LOG = LoggerFactory.getLogger(FlinkWebGate.class);
    /** Headers about one connection, not the request (RFC 9110 7.6.1), and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "http2-settings", "host", "content-length", "expect");
    /** A jar's main() runs inside POST /jars/:id/run; a savepoint trigger answers at once. */
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService workers;
    private final HttpClient upstream;
    private final URI upstreamBase;
    private final WebOriginPolicy policy;

    private FlinkWebGate(HttpServer server, ExecutorService workers, URI upstreamBase, WebOriginPolicy policy) {
        this.server = server;
        this.workers = workers;
        this.upstreamBase = upstreamBase;
        this.policy = policy;
        this.upstream = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(workers)
                .build();
    }

    /**
     * Listens on {@code bindHost:port} and forwards what the policy lets through to {@code upstreamBase} (the
     * JobManager's internal REST address).
     */
    static FlinkWebGate start(String bindHost, int port, URI upstreamBase, WebOriginPolicy policy) throws IOException {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "flink-web-gate-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindHost), port), 64);
        FlinkWebGate gate = new FlinkWebGate(server, workers, upstreamBase, policy);
        server.createContext("/", gate::handle);
        server.setExecutor(workers);
        server.start();
        LOG.info("Flink web UI gate on {}:{} -> {}", bindHost, port, upstreamBase);
        return gate;
    }

    @Override
    public StackService service() {
        // The JobManager's web front: it starts and stops with the JobManager.
        return StackService.FLINK_JOBMANAGER;
    }

    @Override
    public void stop(Duration deadline) {
        server.stop(0);
        workers.shutdownNow();
        LOG.info("Stopped the Flink web UI gate");
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Optional<String> refusal = policy.refusal(method, exchange.getRequestHeaders().getFirst("Host"),
                    exchange.getRequestHeaders().getFirst("Origin"));
            if (refusal.isPresent()) {
                LOG.warn("Refused {} {}: {}", method, exchange.getRequestURI().getRawPath(), refusal.get());
                respond(exchange, 403, refusal.get());
                return;
            }
            forward(exchange, method);
        } catch (IOException | UncheckedIOException e) {
            // The browser or client went away mid-transfer: nothing left to answer.
            LOG.debug("Web UI request ended early: {}", e.toString());
        }
    }

    private void forward(HttpExchange exchange, String method) throws IOException {
        URI requestUri = exchange.getRequestURI();
        String target = requestUri.getRawPath() + (requestUri.getRawQuery() == null ? "" : "?" + requestUri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(upstreamBase.resolve(target))
                .timeout(UPSTREAM_TIMEOUT)
                .method(method, requestBody(exchange));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> response;
        try {
            response = upstream.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            respond(exchange, 502, "Flink's REST server (" + upstreamBase + ") is not reachable: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 503, "The web UI gate is stopping");
            return;
        }
        try (InputStream body = response.body()) {
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            long length = responseLength(method, response);
            exchange.sendResponseHeaders(response.statusCode(), length);
            if (length >= 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    body.transferTo(out);
                }
            }
        }
    }

    /** The request body, streamed, with its length when the client gave one (Flink's upload handler gets it as sent). */
    private static HttpRequest.BodyPublisher requestBody(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        String encoding = exchange.getRequestHeaders().getFirst("Transfer-Encoding");
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
        if (length != null && Long.parseLong(length.trim()) > 0) {
            return HttpRequest.BodyPublishers.fromPublisher(stream, Long.parseLong(length.trim()));
        }
        return encoding != null ? stream : HttpRequest.BodyPublishers.noBody();
    }

    /** For {@link HttpExchange#sendResponseHeaders}: -1 no body, 0 chunked, else the length. */
    private static long responseLength(String method, HttpResponse<?> response) {
        int status = response.statusCode();
        if ("HEAD".equalsIgnoreCase(method) || status == 204 || status == 304 || status / 100 == 1) {
            return -1;
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(0);
        return length == 0 && response.headers().firstValue("Content-Length").isPresent() ? -1 : length;
    }

    /** An error in Flink's own form ({@code {"errors": [...]}}), which the web UI and the CLI show. */
    private static void respond(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("errors", List.of(message)));
        // The refused request's body is not read: close the connection rather than drain it.
        exchange.getResponseHeaders().putAll(Map.of("Content-Type", List.of("application/json; charset=UTF-8"),
                "Connection", List.of("close")));
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}

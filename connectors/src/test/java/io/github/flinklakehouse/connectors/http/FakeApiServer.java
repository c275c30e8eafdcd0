package io.github.flinklakehouse.connectors.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) standing in for a public web API: routes match a path
 * and some query parameters and answer scripted replies in order (the last one repeats).
 */
public final class FakeApiServer implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, String body, Map<String, String> headers, long delayMs, boolean cutShort,
            int trickleBytes, boolean chunked) {

        public Reply(int status, String body, Map<String, String> headers, long delayMs, boolean cutShort) {
            this(status, body, headers, delayMs, cutShort, 0, false);
        }

        public static Reply ok(String body) {
            return new Reply(200, body, Map.of("Content-Type", "application/json;charset=UTF-8"), 0, false);
        }

        public static Reply xml(String body) {
            return new Reply(200, body, Map.of("Content-Type", "text/xml;charset=UTF-8"), 0, false);
        }

        public static Reply status(int status, String body, Map<String, String> headers) {
            return new Reply(status, body, headers, 0, false);
        }

        /** Answers only after {@code delayMs}, long after the client's time-out. */
        public static Reply slow(String body, long delayMs) {
            return new Reply(200, body, Map.of(), delayMs, false);
        }

        /** Announces the full length but sends half the body and drops the connection. */
        public static Reply cutShort(String body) {
            return new Reply(200, body, Map.of(), 0, true);
        }

        /** Sends the headers at once, then the body {@code bytes} at a time, one chunk every {@code everyMs}. */
        public static Reply trickle(String body, int bytes, long everyMs) {
            return new Reply(200, body, Map.of("Content-Type", "application/json;charset=UTF-8"), everyMs, false,
                    bytes, false);
        }

        /** The body without a {@code Content-Length} (chunked transfer encoding). */
        public static Reply chunked(String body) {
            return new Reply(200, body, Map.of("Content-Type", "application/json;charset=UTF-8"), 0, false, 0,
                    true);
        }
    }

    private record Route(String path, Map<String, String> query, List<Reply> replies, int[] served) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final List<URI> requests = new CopyOnWriteArrayList<>();

    private FakeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeApiServer start() throws IOException {
        return new FakeApiServer();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests to {@code path} whose query contains every {@code query} entry. */
    public FakeApiServer route(String path, Map<String, String> query, Reply... replies) {
        routes.add(new Route(path, Map.copyOf(query), List.of(replies), new int[1]));
        return this;
    }

    /** Every request received so far, in arrival order. */
    public List<URI> requests() {
        return new ArrayList<>(requests);
    }

    /** Requests whose query contains every given entry. */
    public long requestCount(Map<String, String> query) {
        return requests.stream().filter(uri -> parse(uri).entrySet().containsAll(query.entrySet())).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        requests.add(uri);
        Map<String, String> query = parse(uri);
        Reply reply = null;
        for (Route route : routes) {
            if (route.path().equals(uri.getPath()) && query.entrySet().containsAll(route.query().entrySet())) {
                synchronized (route) {
                    int i = Math.min(route.served()[0]++, route.replies().size() - 1);
                    reply = route.replies().get(i);
                }
                break;
            }
        }
        if (reply == null) {
            reply = Reply.status(404, "no route for " + uri, Map.of());
        }
        try {
            send(exchange, reply);
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.trickleBytes() > 0) {
            trickle(exchange, reply);
            return;
        }
        if (reply.delayMs() > 0) {
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : reply.chunked() ? 0 : body.length);
        if (body.length == 0) {
            return;
        }
        OutputStream out = exchange.getResponseBody();
        if (reply.cutShort()) {
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing the exchange now leaves the promised length unmet: the client sees a truncated transfer.
            return;
        }
        out.write(body);
    }

    /** Headers at once, then the body a few bytes at a time; stops when the client goes away or is interrupted. */
    private static void trickle(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), body.length);
        OutputStream out = exchange.getResponseBody();
        for (int from = 0; from < body.length; from += reply.trickleBytes()) {
            out.write(body, from, Math.min(reply.trickleBytes(), body.length - from));
            out.flush();
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    static Map<String, String> parse(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return query;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return Collections.unmodifiableMap(query);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.github.flinklakehouse.dashboards.metabase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over HTTP to Metabase's REST API ({@code /api/...}) with the JDK's client: a request carries the session, once
 * there is one, in the {@code X-Metabase-Session} header; an answer other than 2xx fails with
 * {@link MetabaseException} naming the request, the status and Metabase's own message.
 */
final class MetabaseClient {

    /** The header Metabase reads the session id from. */
    static final String SESSION_HEADER = "X-Metabase-Session";

    private final URI base;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ObjectMapper json;
    private String session;

    /** A JSON answer: its status and body ({@code null} when the body is empty or not JSON), and the raw text. */
    record Answer(int status, JsonNode body, String text) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    MetabaseClient(URI base, Duration requestTimeout, ObjectMapper json) {
        this.base = base;
        this.requestTimeout = requestTimeout;
        this.json = json;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout)
                .build();
    }

    void session(String id) {
        this.session = id;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    JsonNode get(String path) {
        return expectOk("GET", path, send("GET", path, null));
    }

    JsonNode post(String path, JsonNode body) {
        return expectOk("POST", path, send("POST", path, body));
    }

    JsonNode put(String path, JsonNode body) {
        return expectOk("PUT", path, send("PUT", path, body));
    }

    /** Sends one request and returns whatever Metabase answered; fails only when it cannot be reached. */
    Answer send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout)
                .header("Accept", "application/json");
        if (session != null) {
            request.header(SESSION_HEADER, session);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new MetabaseException(method + " " + base.resolve(path) + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetabaseException(method + " " + base.resolve(path) + " was interrupted", e);
        }
        JsonNode parsed = null;
        try {
            parsed = response.body().isBlank() ? null : json.readTree(response.body());
        } catch (JsonProcessingException e) {
            // Not JSON (Metabase answers some errors as plain text, e.g. "Unauthenticated"): keep the text.
        }
        return new Answer(response.statusCode(), parsed, response.body());
    }

    private JsonNode expectOk(String method, String path, Answer answer) {
        if (!answer.ok()) {
            throw new MetabaseException(method + " " + path + " answered HTTP " + answer.status() + ": "
                    + message(answer));
        }
        return answer.body();
    }

    /** Metabase's own words: {@code message}, the field errors of {@code errors}, or the body's text. */
    static String message(Answer answer) {
        JsonNode body = answer.body();
        if (body != null && body.isObject()) {
            if (body.hasNonNull("errors") && body.get("errors").isObject()) {
                StringBuilder text = new StringBuilder();
                body.get("errors").fields().forEachRemaining(error -> text.append(text.isEmpty() ? "" : "; ")
                        .append(error.getKey()).append(": ").append(error.getValue().isTextual()
                                ? error.getValue().asText() : error.getValue().toString()));
                return text.toString();
            }
            if (body.hasNonNull("message")) {
                return body.get("message").asText();
            }
        }
        String text = answer.text().strip();
        return text.isEmpty() ? "(empty body)" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}

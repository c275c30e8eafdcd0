package io.github.flinklakehouse.connectors.http.request;

import io.github.flinklakehouse.connectors.http.response.RecordExtractor;
import io.github.flinklakehouse.connectors.http.response.ResponseChecker;
import java.io.Serializable;
import java.net.URI;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * One polled API endpoint: a request template plus how to page through, check and extract its responses.
 *
 * <p>Query values are templates; placeholders are {@code {from}}, {@code {to}} (window bounds, optionally
 * with a {@link java.time.format.DateTimeFormatter} pattern: {@code {from:yyyyMMdd}}, formatted in
 * {@link #zone()}), {@code {page}}, {@code {cursor}} and {@code {secret:name}}.
 */
public record HttpEndpoint(
        String id,
        String baseUrl,
        String path,
        Map<String, String> query,
        ZoneId zone,
        Map<String, HttpSecret> secrets,
        Paging paging,
        ResponseChecker checker,
        RecordExtractor extractor)
        implements Serializable {

    /** Validates; messages name the endpoint and the offending setting. */
    public HttpEndpoint {
        require(id != null && id.matches("[A-Za-z0-9_.-]+"), id, "id must be non-empty [A-Za-z0-9_.-]");
        require(baseUrl != null && isHttpUrl(baseUrl), id, "baseUrl must be an absolute http(s) URL, got " + baseUrl);
        path = path == null ? "" : path;
        require(zone != null, id, "zone is required (the time zone of {from}/{to})");
        require(paging != null, id, "paging is required");
        require(checker != null, id, "checker is required");
        require(extractor != null, id, "extractor is required");
        query = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(query, "query")));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(secrets, "secrets")));
        boolean hasPage = false;
        boolean hasCursor = false;
        for (String template : query.values()) {
            Matcher m = RequestTemplate.PLACEHOLDER.matcher(template);
            while (m.find()) {
                hasPage |= "page".equals(m.group(1));
                hasCursor |= "cursor".equals(m.group(1));
                if ("secret".equals(m.group(1))) {
                    require(secrets.containsKey(m.group(2)), id,
                            "query uses {secret:" + m.group(2) + "} but no such secret is set");
                }
            }
        }
        require(paging != Paging.PAGE_NUMBER || hasPage, id, "paging PAGE_NUMBER needs a {page} query placeholder");
        require(paging != Paging.CURSOR || hasCursor, id, "paging CURSOR needs a {cursor} query placeholder");
    }

    /** Starts a builder for the endpoint {@code id}. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void require(boolean condition, String id, String message) {
        if (!condition) {
            throw new IllegalArgumentException("HTTP endpoint '" + id + "': " + message);
        }
    }

    /** Fluent construction of an {@link HttpEndpoint}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String id;
        private String baseUrl;
        private String path = "";
        private final Map<String, String> query = new LinkedHashMap<>();
        private ZoneId zone = ZoneId.of("UTC");
        private final Map<String, HttpSecret> secrets = new LinkedHashMap<>();
        private Paging paging = Paging.NONE;
        private ResponseChecker checker = ResponseChecker.statusOnly();
        private RecordExtractor extractor;

        private Builder(String id) {
            this.id = id;
        }

        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        public Builder path(String path) {
            this.path = path;
            return this;
        }

        /** Adds a query parameter whose value is a template (see {@link HttpEndpoint}). */
        public Builder query(String name, String valueTemplate) {
            query.put(name, valueTemplate);
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        /** Registers a secret that {@code {secret:name}} placeholders refer to. */
        public Builder secret(String name, HttpSecret secret) {
            secrets.put(name, secret);
            return this;
        }

        public Builder paging(Paging paging) {
            this.paging = paging;
            return this;
        }

        public Builder checker(ResponseChecker checker) {
            this.checker = checker;
            return this;
        }

        public Builder extractor(RecordExtractor extractor) {
            this.extractor = extractor;
            return this;
        }

        public HttpEndpoint build() {
            return new HttpEndpoint(id, baseUrl, path, query, zone, secrets, paging, checker, extractor);
        }
    }
}

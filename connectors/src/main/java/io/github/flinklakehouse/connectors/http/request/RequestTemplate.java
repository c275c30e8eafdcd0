package io.github.flinklakehouse.connectors.http.request;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders an endpoint's request for a window, page and cursor, resolving secrets and redacting them. */
public final class RequestTemplate {

    /** {@code {from}}, {@code {to:HHmm}}, {@code {page}}, {@code {cursor}}, {@code {secret:name}}. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(from|to|page|cursor|secret)(?::([^}]+))?}");

    /** Used for {@code {from}}/{@code {to}} without a pattern. */
    public static final String DEFAULT_TIME_PATTERN = "yyyyMMddHHmm";

    private static final String REDACTED = "***";

    private final HttpEndpoint endpoint;
    private final Map<String, String> secretValues;
    private final Map<String, DateTimeFormatter> formatters = new HashMap<>();

    /** Resolves the endpoint's secrets once; fails (naming where it looked) when one is missing. */
    public RequestTemplate(HttpEndpoint endpoint) {
        this.endpoint = endpoint;
        this.secretValues = new HashMap<>();
        endpoint.secrets().forEach((name, secret) -> secretValues.put(name, secret.resolve()));
    }

    /**
     * The request for one page.
     *
     * @param cursor the cursor from the previous page, or null for the first page; an absolute http(s)
     *     cursor is a next link and is requested as it is, once {@link #nextLink validated}
     * @throws IllegalArgumentException when the cursor is a next link that may not be followed
     */
    public RenderedRequest render(long windowStartMs, long windowEndMs, int page, String cursor) {
        if (cursor != null && (cursor.startsWith("http://") || cursor.startsWith("https://"))) {
            return new RenderedRequest(nextLink(cursor), redact(cursor));
        }
        StringJoiner query = new StringJoiner("&");
        for (Map.Entry<String, String> param : endpoint.query().entrySet()) {
            if (param.getValue().equals("{cursor}") && cursor == null) {
                continue; // the first page of a cursor API has no cursor parameter
            }
            String value = fill(param.getValue(), windowStartMs, windowEndMs, page, cursor);
            query.add(encode(param.getKey()) + "=" + encode(value));
        }
        String base = endpoint.baseUrl().endsWith("/") && endpoint.path().startsWith("/")
                ? endpoint.baseUrl().substring(0, endpoint.baseUrl().length() - 1)
                : endpoint.baseUrl();
        String url = base + endpoint.path() + (query.length() == 0 ? "" : "?" + query);
        return new RenderedRequest(URI.create(url), redact(url));
    }

    /**
     * A server's next link, followed only when it parses and stays on the endpoint's scheme, host and port: a link
     * elsewhere (a compromised or misconfigured server) must not make the job request arbitrary hosts.
     */
    private URI nextLink(String link) {
        URI next;
        try {
            next = new URI(link);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("next link " + redact(link) + " is not a URL: " + e.getReason());
        }
        URI base = URI.create(endpoint.baseUrl());
        if (next.getHost() == null || !next.getScheme().equalsIgnoreCase(base.getScheme())
                || !next.getHost().equalsIgnoreCase(base.getHost()) || port(next) != port(base)) {
            throw new IllegalArgumentException("next link " + redact(link) + " leaves " + base.getScheme() + "://"
                    + base.getHost() + ":" + port(base));
        }
        return next;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** Replaces every secret value (raw and URL-encoded) in {@code text} by {@code ***}. */
    public String redact(String text) {
        String result = text;
        for (String secret : secretValues.values()) {
            if (!secret.isEmpty()) {
                result = result.replace(encode(secret), REDACTED).replace(secret, REDACTED);
            }
        }
        return result;
    }

    private String fill(String template, long fromMs, long toMs, int page, String cursor) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            switch (m.group(1)) {
                case "from":
                    value = format(fromMs, m.group(2));
                    break;
                case "to":
                    value = format(toMs, m.group(2));
                    break;
                case "page":
                    value = Integer.toString(page);
                    break;
                case "cursor":
                    value = cursor == null ? "" : cursor;
                    break;
                default:
                    value = secretValues.get(m.group(2));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String format(long epochMs, String pattern) {
        DateTimeFormatter formatter =
                formatters.computeIfAbsent(
                        pattern == null ? DEFAULT_TIME_PATTERN : pattern,
                        p -> DateTimeFormatter.ofPattern(p).withZone(endpoint.zone()));
        return formatter.format(Instant.ofEpochMilli(epochMs));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

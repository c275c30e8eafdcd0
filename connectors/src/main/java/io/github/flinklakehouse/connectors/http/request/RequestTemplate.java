package io.github.flinklakehouse.connectors.http.request;

import java.net.URI;
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
     *     cursor is a next link and is requested as it is
     */
    public RenderedRequest render(long windowStartMs, long windowEndMs, int page, String cursor) {
        if (cursor != null && (cursor.startsWith("http://") || cursor.startsWith("https://"))) {
            return new RenderedRequest(URI.create(cursor), redact(cursor));
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

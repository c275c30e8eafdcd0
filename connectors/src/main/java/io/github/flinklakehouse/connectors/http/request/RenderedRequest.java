package io.github.flinklakehouse.connectors.http.request;

import java.net.URI;

/**
 * A request ready to send, and its URL with every secret replaced by {@code ***} for logs and dead letters.
 *
 * @param uri the real URI, secrets included: never log it
 * @param redactedUrl the URI as text with secrets redacted
 */
public record RenderedRequest(URI uri, String redactedUrl) {

    @Override
    public String toString() {
        return redactedUrl;
    }
}

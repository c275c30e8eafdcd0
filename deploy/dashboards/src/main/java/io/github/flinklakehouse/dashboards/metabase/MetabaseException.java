package io.github.flinklakehouse.dashboards.metabase;

/** Metabase refused a request or could not be reached; the message says which request and what Metabase answered. */
public class MetabaseException extends RuntimeException {

    public MetabaseException(String message) {
        super(message);
    }

    public MetabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}

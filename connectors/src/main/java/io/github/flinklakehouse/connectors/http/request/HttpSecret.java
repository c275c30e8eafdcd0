package io.github.flinklakehouse.connectors.http.request;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an API key comes from: an environment variable or a file, read only when a request is made.
 *
 * <p>Only the location travels with the job graph, never the value; {@link #toString()} never shows it.
 */
public final class HttpSecret implements Serializable {

    private static final long serialVersionUID = 1L;

    private enum Kind { ENV, FILE }

    private final Kind kind;
    private final String location;

    private HttpSecret(Kind kind, String location) {
        this.kind = kind;
        this.location = Objects.requireNonNull(location, "location");
    }

    /** A secret held in the named environment variable of the task manager. */
    public static HttpSecret fromEnv(String variable) {
        return new HttpSecret(Kind.ENV, variable);
    }

    /** A secret held in a file (e.g. a mounted Kubernetes secret); surrounding whitespace is dropped. */
    public static HttpSecret fromFile(Path file) {
        return new HttpSecret(Kind.FILE, file.toString());
    }

    /** Reads the secret's value; fails with a message naming where it looked, never the value. */
    public String resolve() {
        if (kind == Kind.ENV) {
            String value = System.getenv(location);
            if (value == null || value.isBlank()) {
                throw new IllegalStateException("HTTP source secret: environment variable " + location + " is not set");
            }
            return value.trim();
        }
        try {
            return Files.readString(Path.of(location), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("HTTP source secret: cannot read file " + location, e);
        }
    }

    @Override
    public String toString() {
        return "HttpSecret{" + kind.name().toLowerCase() + ":" + location + "}";
    }
}

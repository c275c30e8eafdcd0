package io.github.flinklakehouse.jobs.config;

/** A configuration or command-line problem, with a message saying which key is wrong and how to fix it. */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}

package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the clickstream job's configuration file ({@code --config}) for a stack's endpoints.
 *
 * <p>The job takes secrets only from the environment or a file, never from program arguments (which the
 * Flink web UI shows), so the launcher hands it this owner-readable file instead.
 */
public final class ClickstreamJobConfigFile {
    private ClickstreamJobConfigFile() {
    }

    /** The job settings that point the clickstream job at {@code stack}, before {@code overrides}. */
    public static Map<String, String> settings(StackEndpoints stack, Map<String, String> overrides) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("kafka.bootstrap-servers", stack.kafkaBootstrapServers());
        settings.put("catalog.jdbc.url", stack.jdbcUrl());
        settings.put("catalog.jdbc.user", stack.dbUser());
        settings.put("catalog.jdbc.password", stack.dbPassword());
        settings.put("catalog.warehouse", stack.warehouse());
        settings.put("s3.endpoint", stack.s3Endpoint());
        settings.put("s3.access-key", stack.s3AccessKey());
        settings.put("s3.secret-key", stack.s3SecretKey());
        settings.put("s3.region", stack.s3Region());
        settings.put("s3.path-style-access", "true");
        settings.put("marts.jdbc.url", stack.jdbcUrl());
        settings.put("marts.jdbc.user", stack.dbUser());
        settings.put("marts.jdbc.password", stack.dbPassword());
        settings.putAll(overrides);
        return settings;
    }

    /** Writes {@link #settings} to {@code file} (mode 600) and returns it. */
    public static Path write(Path file, StackEndpoints stack, Map<String, String> overrides) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer writer = Files.newBufferedWriter(file)) {
                writer.write("# Written by the lakehouse launcher for the local stack; holds secrets.\n");
                for (Map.Entry<String, String> entry : settings(stack, overrides).entrySet()) {
                    writer.write(entry.getKey() + "=" + entry.getValue() + "\n");
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write job configuration " + file, e);
        }
    }
}

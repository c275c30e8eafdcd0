package io.github.flinklakehouse.deploy.jobs;

import io.github.flinklakehouse.deploy.stack.PrivateFiles;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a job's configuration file ({@code --config}) with a stack's endpoints: the shared options of every
 * pipeline's jobs.
 *
 * <p>The job takes secrets only from the environment or a file, never from program arguments (which the
 * Flink web UI shows), so the launcher hands it this owner-readable file instead.
 */
public final class StackJobConfigFile {
    private StackJobConfigFile() {
    }

    /** The job settings that point any pipeline's job at {@code stack}, before {@code overrides}. */
    public static Map<String, String> settings(StackEndpoints stack, Map<String, String> overrides) {
        Map<String, String> settings = new TreeMap<>();
        settings.put(SharedOptions.KAFKA_BOOTSTRAP_SERVERS.key(), stack.kafkaBootstrapServers());
        settings.put(SharedOptions.CATALOG_JDBC_URL.key(), stack.jdbcUrl());
        settings.put(SharedOptions.CATALOG_JDBC_USER.key(), stack.dbUser());
        settings.put(SharedOptions.CATALOG_JDBC_PASSWORD.key(), stack.dbPassword());
        settings.put(SharedOptions.CATALOG_WAREHOUSE.key(), stack.warehouse());
        settings.put(SharedOptions.S3_ENDPOINT.key(), stack.s3Endpoint());
        settings.put(SharedOptions.S3_ACCESS_KEY.key(), stack.s3AccessKey());
        settings.put(SharedOptions.S3_SECRET_KEY.key(), stack.s3SecretKey());
        settings.put(SharedOptions.S3_REGION.key(), stack.s3Region());
        settings.put(SharedOptions.S3_PATH_STYLE_ACCESS.key(), "true");
        settings.put(SharedOptions.MARTS_JDBC_URL.key(), stack.jdbcUrl());
        settings.put(SharedOptions.MARTS_JDBC_USER.key(), stack.dbUser());
        settings.put(SharedOptions.MARTS_JDBC_PASSWORD.key(), stack.dbPassword());
        settings.putAll(overrides);
        return settings;
    }

    /** Writes {@link #settings} to {@code file} (mode 600) and returns it. */
    public static Path write(Path file, StackEndpoints stack, Map<String, String> overrides) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringBuilder text = new StringBuilder(
                    "# Written by the lakehouse launcher for the local stack; holds secrets.\n");
            for (Map.Entry<String, String> entry : settings(stack, overrides).entrySet()) {
                text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
            }
            PrivateFiles.write(file, text.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write job configuration " + file, e);
        }
    }
}

package io.github.flinklakehouse.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the vendored schemas on the classpath ({@code /schemas}, see its README) as JSON trees. */
final class SchemaResources {

    private SchemaResources() {
    }

    /** A {@code .json} or YAML resource as a tree. */
    static JsonNode read(String resource) {
        try (InputStream in = SchemaResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return resource.endsWith(".json") ? JsonMapper.builder().build().readTree(text) : YamlDocuments.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}

package io.github.flinklakehouse.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a YAML file as docker compose and kubectl do: anchors and aliases resolved, and YAML 1.1 merge keys
 * ({@code <<: *anchor}, which compose files use) merged into their mapping, keys written beside them winning; the
 * result as a JSON tree for the schema validator and the rules.
 */
public final class YamlDocuments {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String MERGE_KEY = "<<";

    private YamlDocuments() {
    }

    /** The file's (single) document as a JSON tree. */
    public static JsonNode read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /** {@code yaml}'s (single) document as a JSON tree. */
    public static JsonNode parse(String yaml) {
        LoadSettings settings = LoadSettings.builder().setMaxAliasesForCollections(200).build();
        return JSON.valueToTree(resolveMergeKeys(new Load(settings).loadFromString(yaml)));
    }

    @SuppressWarnings("unchecked")
    private static Object resolveMergeKeys(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> merged = new LinkedHashMap<>();
            Object inherited = map.get(MERGE_KEY);
            List<?> sources = inherited instanceof List<?> list ? list
                    : inherited == null ? List.of() : List.of(inherited);
            for (Object source : sources) {
                ((Map<String, Object>) resolveMergeKeys(source)).forEach(merged::putIfAbsent);
            }
            Map<String, Object> own = new LinkedHashMap<>();
            map.forEach((key, value) -> {
                if (!MERGE_KEY.equals(key)) {
                    own.put(String.valueOf(key), resolveMergeKeys(value));
                }
            });
            merged.putAll(own);
            return merged;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(YamlDocuments::resolveMergeKeys).toList();
        }
        return node;
    }
}

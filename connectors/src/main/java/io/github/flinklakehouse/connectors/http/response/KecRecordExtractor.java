package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Extracts KEC records from the array named after the endpoint (e.g. {@code "trafficIc"}) or from
 * {@code "list"}, and the page count from {@code pageSize} (or {@code count}/{@code numOfRows}).
 */
public final class KecRecordExtractor implements RecordExtractor {

    private static final long serialVersionUID = 1L;

    private final String recordsField;

    /** @param recordsField the array holding the records, e.g. {@code "trafficIc"}; {@code "list"} is always tried */
    public KecRecordExtractor(String recordsField) {
        this.recordsField = Objects.requireNonNull(recordsField, "recordsField");
    }

    @Override
    public PageContent extract(JsonNode json) {
        JsonNode array = json.path(recordsField);
        if (!array.isArray()) {
            array = json.path("list");
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("neither \"" + recordsField + "\" nor \"list\" is an array");
        }
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        int totalPages =
                json.path("pageSize").isNumber()
                        ? json.get("pageSize").asInt()
                        : PageContent.pagesFor(json.path("count").asLong(-1), json.path("numOfRows").asLong(-1));
        return new PageContent(items, totalPages, null);
    }
}

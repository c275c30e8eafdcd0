package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A generic extractor for cursor or next-link APIs: items and the next cursor are found by JSON Pointer
 * (RFC 6901), e.g. {@code /data} and {@code /links/next}.
 */
public final class JsonPointerRecordExtractor implements RecordExtractor {

    private static final long serialVersionUID = 1L;

    private final String itemsPointer;
    private final String nextCursorPointer;

    /**
     * @param itemsPointer where the item array is, e.g. {@code /data}
     * @param nextCursorPointer where the next cursor or absolute next link is; a missing, null or empty
     *     value means this is the last page
     */
    public JsonPointerRecordExtractor(String itemsPointer, String nextCursorPointer) {
        this.itemsPointer = JsonPointer.compile(itemsPointer).toString();
        this.nextCursorPointer = JsonPointer.compile(nextCursorPointer).toString();
    }

    @Override
    public PageContent extract(JsonNode json) {
        JsonNode array = json.at(itemsPointer);
        if (!array.isArray()) {
            throw new IllegalArgumentException(itemsPointer + " is not an array");
        }
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        JsonNode next = json.at(nextCursorPointer);
        String cursor = next.isValueNode() && !next.isNull() && !next.asText().isEmpty() ? next.asText() : null;
        return new PageContent(items, PageContent.UNKNOWN, cursor);
    }
}

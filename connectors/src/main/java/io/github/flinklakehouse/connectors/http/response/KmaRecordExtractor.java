package io.github.flinklakehouse.connectors.http.response;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Extracts KMA items from {@code response.body.items.item[]} and the page count from
 * {@code totalCount}/{@code numOfRows}.
 */
public final class KmaRecordExtractor implements RecordExtractor {

    private static final long serialVersionUID = 1L;

    @Override
    public PageContent extract(JsonNode json) {
        JsonNode body = json.path("response").path("body");
        if (!body.isObject()) {
            throw new IllegalArgumentException("no response.body object");
        }
        List<JsonNode> items = new ArrayList<>();
        JsonNode item = body.path("items").path("item");
        if (item.isArray()) {
            item.forEach(items::add);
        } else if (item.isObject()) {
            // XML-to-JSON gateways collapse a one-element list into an object.
            items.add(item);
        }
        int totalPages =
                body.has("totalCount") && body.has("numOfRows")
                        ? PageContent.pagesFor(body.get("totalCount").asLong(-1), body.get("numOfRows").asLong(-1))
                        : PageContent.UNKNOWN;
        return new PageContent(items, totalPages, null);
    }
}

package io.github.flinklakehouse.jobs.clickstream.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.EventTimes;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes a click event as one JSON object with the dataset's field names.
 *
 * <p>{@code event_time} uses the dataset form {@code yyyy-MM-dd HH:mm:ss UTC}; ids and the price are JSON
 * numbers; an absent {@code category_code}/{@code brand} is {@code null}; the optional contract fields
 * ({@code event_id}, {@code device}, {@code country}, {@code region}, {@code search_query}) appear only when set. Example: {@code {"event_time":"2019-10-01 00:00:00 UTC","event_type":"view","product_id":44600062,
 * "category_id":2103807459595387724,"category_code":null,"brand":"shiseido","price":35.79,
 * "user_id":541312140,"user_session":"72d76fde-8bb3-4e00-8c23-a032dfed738c"}}
 */
public final class JsonEventEncoder {

    private static final JsonMapper MAPPER = new JsonMapper();

    private JsonEventEncoder() {
    }

    /** Returns the event as a UTF-8 JSON object. */
    public static byte[] encode(ClickEvent event) {
        return encodeToString(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the event as a JSON object string. */
    public static String encodeToString(ClickEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(DatasetFields.EVENT_TIME, EventTimes.format(event.eventTime()));
        node.put(DatasetFields.EVENT_TYPE, event.eventType().code());
        node.put(DatasetFields.PRODUCT_ID, event.productId());
        node.put(DatasetFields.CATEGORY_ID, event.categoryId());
        node.put(DatasetFields.CATEGORY_CODE, event.categoryCode());
        node.put(DatasetFields.BRAND, event.brand());
        node.put(DatasetFields.PRICE, event.price());
        node.put(DatasetFields.USER_ID, event.userId());
        node.put(DatasetFields.USER_SESSION, event.userSession());
        putIfSet(node, DatasetFields.EVENT_ID, event.eventId());
        putIfSet(node, DatasetFields.DEVICE, event.device());
        putIfSet(node, DatasetFields.COUNTRY, event.country());
        putIfSet(node, DatasetFields.REGION, event.region());
        putIfSet(node, DatasetFields.SEARCH_QUERY, event.searchQuery());
        if (event.quantity() != null) {
            node.put(DatasetFields.QUANTITY, event.quantity());
        }
        if (event.revenue() != null) {
            node.put(DatasetFields.REVENUE, event.revenue());
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

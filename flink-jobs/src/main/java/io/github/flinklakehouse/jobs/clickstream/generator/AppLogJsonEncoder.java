package io.github.flinklakehouse.jobs.clickstream.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.config.EventFormat;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes a click event as one line of an application log (the warehouse use case's format), and declares the
 * {@link EventFormat} that reads such lines back into the same event.
 *
 * <p>Example: {@code {"event_time":"2025-01-10T12:30:15Z","event_type":"purchase","user_id":"u000123",
 * "session_id":"<uuid>","product_id":"p0045","device":"mobile","country":"KR","price":29000,"quantity":1,
 * "revenue":29000}}. Ids are text in the declared {@link IdPattern}s; {@code view} and {@code cart} are written as
 * {@code page_view} and {@code add_to_cart}; the session is {@code session_id}; {@code event_id},
 * {@code category}, {@code brand}, {@code region} and {@code search_query} appear when set. The format has no
 * category id: the declared format gives it the default 0.
 */
public final class AppLogJsonEncoder {

    /** The session field of the app log. */
    public static final String SESSION_ID = "session_id";
    /** The category field of the app log (the contract's {@code category_code}). */
    public static final String CATEGORY = "category";

    private static final JsonMapper MAPPER = new JsonMapper();
    private static final Map<EventType, String> TYPE_NAMES = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            TYPE_NAMES.put(type, type.code());
        }
        TYPE_NAMES.put(EventType.VIEW, "page_view");
        TYPE_NAMES.put(EventType.CART, "add_to_cart");
    }

    private final IdPattern users;
    private final IdPattern products;

    public AppLogJsonEncoder(IdPattern users, IdPattern products) {
        this.users = Objects.requireNonNull(users, "users");
        this.products = Objects.requireNonNull(products, "products");
    }

    /** The declared format that reads this encoder's lines: what {@code clickstream.format.*} would say. */
    public EventFormat format() {
        Map<String, String> eventTypes = new LinkedHashMap<>();
        TYPE_NAMES.forEach((type, name) -> {
            if (!name.equals(type.code())) {
                eventTypes.put(name, type.code());
            }
        });
        return new EventFormat(
                Map.of(DatasetFields.USER_SESSION, SESSION_ID, DatasetFields.CATEGORY_CODE, CATEGORY),
                eventTypes,
                Map.of(DatasetFields.CATEGORY_ID, "0"),
                Map.of(DatasetFields.USER_ID, users, DatasetFields.PRODUCT_ID, products));
    }

    /**
     * Returns the event as one app-log JSON line (no line terminator). Event times are ISO-8601 in UTC; the
     * category id is not written (the format has none).
     *
     * @throws IllegalArgumentException when an id does not fit its pattern
     */
    public String encode(ClickEvent event) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put(DatasetFields.EVENT_TIME, event.eventTime().toString());
        node.put(DatasetFields.EVENT_TYPE, TYPE_NAMES.get(event.eventType()));
        node.put(DatasetFields.USER_ID, text(users, event.userId()));
        node.put(SESSION_ID, event.userSession());
        node.put(DatasetFields.PRODUCT_ID, text(products, event.productId()));
        putIfSet(node, CATEGORY, event.categoryCode());
        putIfSet(node, DatasetFields.BRAND, event.brand());
        putIfSet(node, DatasetFields.DEVICE, event.device());
        putIfSet(node, DatasetFields.COUNTRY, event.country());
        putIfSet(node, DatasetFields.REGION, event.region());
        putIfSet(node, DatasetFields.SEARCH_QUERY, event.searchQuery());
        node.put(DatasetFields.PRICE, event.price());
        if (event.quantity() != null) {
            node.put(DatasetFields.QUANTITY, event.quantity());
        }
        if (event.revenue() != null) {
            node.put(DatasetFields.REVENUE, event.revenue());
        }
        putIfSet(node, DatasetFields.EVENT_ID, event.eventId());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(IdPattern pattern, long id) {
        String text = pattern.toText(id);
        if (text == null) {
            throw new IllegalArgumentException("id " + id + " does not fit the pattern " + pattern);
        }
        return text;
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

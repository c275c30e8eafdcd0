package io.github.flinklakehouse.jobs.clickstream.config;

import com.fasterxml.jackson.core.JsonPointer;
import io.github.flinklakehouse.jobs.clickstream.ClickEventParser;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the JSON events of a source map onto the event contract, declared in configuration
 * ({@code clickstream.format.*}), never coded.
 *
 * <ul>
 *   <li>{@code fields}: contract field → the source's field name (top level) or a JSON pointer into nested objects
 *       ({@code /context/device}). A contract field not named here is read from the top-level field of its own
 *       name, so only the differences are declared.</li>
 *   <li>{@code eventTypes}: source event type → contract event type ({@code page_view → view}). A value not named
 *       here must be a contract type itself, else the event is an {@code UNKNOWN_EVENT_TYPE} dead letter.</li>
 *   <li>{@code defaults}: contract field → value used when the source field is absent, null or empty.</li>
 *   <li>{@code idPatterns}: id field ({@code product_id}, {@code category_id}, {@code user_id}) → the text form of its
 *       ids ({@code u######}); a value of another form is a {@code WRONG_TYPE} dead letter ({@link IdPattern}).</li>
 * </ul>
 *
 * <p>The empty format is the dataset's JSON ({@link #dataset()}): the parser then keeps its fixed-field fast path,
 * so the default behaviour is exactly what it was before formats could be declared. {@link #problems} lists every
 * mistake of a declaration; the options layer reports them with their keys when the job starts.
 *
 * @param fields contract field → source field name or JSON pointer
 * @param eventTypes source event type → contract event type code
 * @param defaults contract field → default value (in the source's form: an id default matches its id pattern)
 * @param idPatterns id field → text form of its ids
 * @param derivedEventIds whether an event without {@code event_id} gets one derived from its content
 *     ({@code sha256:} and 32 hex digits of the SHA-256 of its contract fields), so that a repeated line is a
 *     {@code DUPLICATE_EVENT_ID} dead letter; for sources whose identical lines are retries, never two real events
 */
public record EventFormat(Map<String, String> fields, Map<String, String> eventTypes, Map<String, String> defaults,
        Map<String, IdPattern> idPatterns, boolean derivedEventIds) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The fields whose values are numeric ids, and so may have an {@link IdPattern}. */
    public static final Set<String> ID_FIELDS =
            Set.of(DatasetFields.PRODUCT_ID, DatasetFields.CATEGORY_ID, DatasetFields.USER_ID);

    private static final EventFormat DATASET = new EventFormat(Map.of(), Map.of(), Map.of(), Map.of(), false);

    public EventFormat {
        fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
        eventTypes = Map.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        defaults = Map.copyOf(Objects.requireNonNull(defaults, "defaults"));
        idPatterns = Map.copyOf(Objects.requireNonNull(idPatterns, "idPatterns"));
    }

    /** The dataset's own JSON: every contract field from the top-level field of its name, nothing converted. */
    public static EventFormat dataset() {
        return DATASET;
    }

    /** A format without derived event ids. */
    public EventFormat(Map<String, String> fields, Map<String, String> eventTypes, Map<String, String> defaults,
            Map<String, IdPattern> idPatterns) {
        this(fields, eventTypes, defaults, idPatterns, false);
    }

    /** Whether this is the dataset's own JSON (nothing declared). */
    public boolean isDataset() {
        return fields.isEmpty() && eventTypes.isEmpty() && defaults.isEmpty() && idPatterns.isEmpty()
                && !derivedEventIds;
    }

    /** A copy that derives an {@code event_id} from the content of events without one. */
    public EventFormat withDerivedEventIds() {
        return new EventFormat(fields, eventTypes, defaults, idPatterns, true);
    }

    /** The JSON pointer a contract field is read from: the declared one, or its own name at the top level. */
    public String sourcePointer(String contractField) {
        String declared = fields.get(contractField);
        if (declared == null) {
            return "/" + escape(contractField);
        }
        return declared.startsWith("/") ? declared : "/" + escape(declared);
    }

    /** The contract field of each source pointer, in contract order. */
    public Map<String, String> contractFieldsByPointer() {
        Map<String, String> byPointer = new LinkedHashMap<>();
        for (String field : DatasetFields.CONTRACT_FIELDS) {
            byPointer.put(sourcePointer(field), field);
        }
        return byPointer;
    }

    /** Every mistake of the {@code fields} declaration; empty when it is valid. */
    public static List<String> fieldProblems(Map<String, String> fields) {
        List<String> problems = new ArrayList<>();
        fields.forEach((field, source) -> {
            if (!DatasetFields.CONTRACT_FIELDS.contains(field)) {
                problems.add("'" + field + "' is not a contract field (" + DatasetFields.CONTRACT_FIELDS + ")");
            } else if (source == null || source.isBlank()) {
                problems.add("the source of " + field + " is empty");
            } else if (source.startsWith("/")) {
                try {
                    JsonPointer.compile(source);
                } catch (IllegalArgumentException e) {
                    problems.add("the source of " + field + " '" + source + "' is not a JSON pointer: " + e.getMessage());
                }
            }
        });
        if (!problems.isEmpty()) {
            return problems;
        }
        EventFormat format = new EventFormat(fields, Map.of(), Map.of(), Map.of(), false);
        Map<String, String> fieldBySource = new HashMap<>();
        for (String field : DatasetFields.CONTRACT_FIELDS) {
            String pointer = format.sourcePointer(field);
            String other = fieldBySource.putIfAbsent(pointer, field);
            if (other != null) {
                problems.add(other + " and " + field + " are both read from " + pointer);
            }
        }
        for (String outer : fieldBySource.keySet()) {
            for (String inner : fieldBySource.keySet()) {
                if (inner.startsWith(outer + "/")) {
                    problems.add(fieldBySource.get(inner) + " is read from " + inner + ", inside " + outer + " of "
                            + fieldBySource.get(outer) + ": a source value cannot be both a field and an object");
                }
            }
        }
        return problems;
    }

    /** Every mistake of the {@code eventTypes} declaration; empty when it is valid. */
    public static List<String> eventTypeProblems(Map<String, String> eventTypes) {
        List<String> problems = new ArrayList<>();
        eventTypes.forEach((source, target) -> {
            if (EventType.fromCode(target == null ? "" : target.trim()).isEmpty()) {
                problems.add("'" + source + "' maps to '" + target + "', which is not a contract event type "
                        + "(view, cart, remove_from_cart, purchase, search, favorite)");
            }
        });
        return problems;
    }

    /** Every id pattern mistake, with the patterns read into {@code parsed}; empty when all are valid. */
    public static List<String> idPatternProblems(Map<String, String> patterns, Map<String, IdPattern> parsed) {
        List<String> problems = new ArrayList<>();
        patterns.forEach((field, pattern) -> {
            if (!ID_FIELDS.contains(field)) {
                problems.add("'" + field + "' is not an id field (" + String.join(", ", List.of(
                        DatasetFields.PRODUCT_ID, DatasetFields.CATEGORY_ID, DatasetFields.USER_ID)) + ")");
                return;
            }
            try {
                parsed.put(field, IdPattern.parse(pattern));
            } catch (IllegalArgumentException e) {
                problems.add(field + ": " + e.getMessage());
            }
        });
        return problems;
    }

    /**
     * Every mistake of the {@code defaults} declaration, judged with the event types and id patterns of this
     * format: each default must be a value the parser accepts for its field. {@code event_time} has no default (an
     * event without a time cannot be placed).
     */
    public List<String> defaultProblems() {
        List<String> problems = new ArrayList<>();
        defaults.forEach((field, value) -> {
            String problem = defaultProblem(field, value == null ? "" : value);
            if (problem != null) {
                problems.add(field + " default '" + value + "' " + problem);
            }
        });
        return problems;
    }

    private String defaultProblem(String field, String value) {
        if (!DatasetFields.CONTRACT_FIELDS.contains(field)) {
            return "is for no contract field (" + DatasetFields.CONTRACT_FIELDS + ")";
        }
        if (value.isBlank()) {
            return "is empty";
        }
        if (field.equals(DatasetFields.EVENT_TIME)) {
            return "is not allowed: an event without its time cannot be placed";
        }
        if (field.equals(DatasetFields.EVENT_TYPE)) {
            return EventType.fromCode(eventTypes.getOrDefault(value, value)).isPresent() ? null
                    : "is neither a contract event type nor one mapped in clickstream.format.event-types";
        }
        if (ID_FIELDS.contains(field)) {
            IdPattern pattern = idPatterns.get(field);
            if (pattern != null) {
                return pattern.toId(value) != null ? null : "does not match the id pattern " + pattern;
            }
            return value.matches("-?[0-9]{1,18}") ? null : "is not a whole number of at most 18 digits";
        }
        if (field.equals(DatasetFields.PRICE)) {
            try {
                BigDecimal price = new BigDecimal(value);
                return price.signum() >= 0 && price.stripTrailingZeros().scale() <= 2
                        && price.precision() - price.scale() <= 10 ? null
                        : "is not a price (0 or more, at most two decimals and 12 digits)";
            } catch (NumberFormatException e) {
                return "is not a number";
            }
        }
        if (value.indexOf('\0') >= 0 || value.getBytes(StandardCharsets.UTF_8).length > ClickEventParser.MAX_TEXT_BYTES) {
            return "holds a NUL character or is longer than " + ClickEventParser.MAX_TEXT_BYTES + " UTF-8 bytes";
        }
        return null;
    }

    /** A field name as one JSON pointer segment (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    public static String escape(String name) {
        return name.indexOf('~') < 0 && name.indexOf('/') < 0 ? name : name.replace("~", "~0").replace("/", "~1");
    }
}

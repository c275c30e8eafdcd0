package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.jobs.clickstream.config.EventFormat;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * A declared {@link EventFormat} prepared for reading: the field slot of each source pointer, the objects to descend
 * into, and the conversions to the contract's forms (defaults, event types, text ids), applied before the parser's
 * one validation.
 */
final class DeclaredFormat implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The prefix of a derived {@code event_id}. */
    static final String DERIVED_ID_PREFIX = "sha256:";

    private final HashMap<String, Integer> slotByPointer = new HashMap<>();
    private final HashMap<String, String> pointerBySlotName = new HashMap<>();
    /** Pointers of objects that hold a mapped field: the reader descends into these, skips every other value. */
    private final HashSet<String> containers = new HashSet<>();
    private final HashMap<String, String> eventTypes;
    private final String[] defaults = new String[RawFields.COUNT];
    private final IdPattern[] idPatterns = new IdPattern[RawFields.COUNT];
    private final boolean derivedEventIds;

    DeclaredFormat(EventFormat format) {
        for (Map.Entry<String, String> entry : format.contractFieldsByPointer().entrySet()) {
            String pointer = entry.getKey();
            slotByPointer.put(pointer, RawFields.slotOf(entry.getValue()));
            pointerBySlotName.put(entry.getValue(), pointer);
            for (int slash = pointer.indexOf('/', 1); slash > 0; slash = pointer.indexOf('/', slash + 1)) {
                containers.add(pointer.substring(0, slash));
            }
        }
        eventTypes = new HashMap<>(format.eventTypes());
        format.defaults().forEach((field, value) -> defaults[RawFields.slotOf(field)] = value);
        format.idPatterns().forEach((field, pattern) -> idPatterns[RawFields.slotOf(field)] = pattern);
        derivedEventIds = format.derivedEventIds();
    }

    /**
     * The event with an {@code event_id} derived from its content when the format says so and it has none:
     * {@code sha256:} and the first 32 hex digits of the SHA-256 of every contract field (lineage excluded), so two
     * identical lines get the same id wherever they are, and the dedupe turns the second into a dead letter.
     */
    ClickEvent withDerivedEventId(ClickEvent e) {
        if (!derivedEventIds || e.eventId() != null) {
            return e;
        }
        StringBuilder content = new StringBuilder(256);
        for (Object value : new Object[] {e.eventTime(), e.eventType().code(), e.productId(), e.categoryId(),
                e.categoryCode(), e.brand(), e.price().toPlainString(), e.userId(), e.userSession(), e.device(),
                e.country(), e.region(), e.searchQuery(), e.quantity(),
                e.revenue() == null ? null : e.revenue().toPlainString()}) {
            // Each value with its length, so no two different events concatenate to the same text.
            String text = value == null ? "-" : value.toString();
            content.append(value == null ? -1 : text.length()).append(':').append(text).append(';');
        }
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException("Every Java platform has SHA-256", e1);
        }
        String id = DERIVED_ID_PREFIX + HexFormat.of().formatHex(digest, 0, 16);
        return new ClickEvent(e.eventTime(), e.eventType(), e.productId(), e.categoryId(), e.categoryCode(),
                e.brand(), e.price(), e.userId(), e.userSession(), id, e.device(), e.country(), e.region(),
                e.searchQuery(), e.quantity(), e.revenue());
    }

    /** The slot read from {@code pointer}, or -1 for a value the format does not read. */
    int slotOf(String pointer) {
        Integer slot = slotByPointer.get(pointer);
        return slot == null ? -1 : slot;
    }

    /** Whether the object at {@code pointer} holds a field the format reads. */
    boolean descendsInto(String pointer) {
        return containers.contains(pointer);
    }

    /** {@code field (from /pointer)}: where a contract field came from, for dead-letter messages. */
    String describe(int slot) {
        String field = RawFields.NAMES.get(slot);
        return field + " (from " + pointerBySlotName.get(field) + ")";
    }

    /**
     * Turns the source's values into the contract's forms, in place: defaults for absent values, event types
     * mapped, text ids to their numbers. Returns the rejection of a value that does not fit, else {@code null}.
     */
    ParseResult.Invalid toContract(String[] fields) {
        for (int slot = 0; slot < RawFields.COUNT; slot++) {
            if (defaults[slot] != null && (fields[slot] == null || fields[slot].isBlank())) {
                fields[slot] = defaults[slot];
            }
        }
        String type = fields[RawFields.EVENT_TYPE];
        if (type != null) {
            String mapped = eventTypes.get(type);
            if (mapped != null) {
                fields[RawFields.EVENT_TYPE] = mapped;
            }
        }
        for (int slot = 0; slot < RawFields.COUNT; slot++) {
            IdPattern pattern = idPatterns[slot];
            if (pattern != null && fields[slot] != null && !fields[slot].isBlank()) {
                Long id = pattern.toId(fields[slot]);
                if (id == null) {
                    return new ParseResult.Invalid(RejectReason.WRONG_TYPE, "Field " + describe(slot) + " "
                            + ClickEventParser.quoted(fields[slot]) + " does not match the declared id pattern "
                            + pattern);
                }
                fields[slot] = Long.toString(id);
            }
        }
        return null;
    }

    /** The pointer of a member named {@code name} of the object at {@code parent} ("" for the root). */
    static String child(String parent, String name) {
        return parent + "/" + EventFormat.escape(name);
    }

    /** Every source pointer the format reads (for tests and logs). */
    Set<String> pointers() {
        return Set.copyOf(slotByPointer.keySet());
    }
}

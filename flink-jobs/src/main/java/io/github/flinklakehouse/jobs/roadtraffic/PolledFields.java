package io.github.flinklakehouse.jobs.roadtraffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * Reads the fields of one polled JSON item strictly, for both road-traffic parsers: text that PostgreSQL can store,
 * KST dates and times as UTC instants, whole numbers. A problem is a {@link Rejection} that the parser turns into a
 * dead letter carrying the item and its position.
 */
final class PolledFields {

    /** Longest text field in UTF-8 bytes: mart keys must fit a btree index row. */
    static final int MAX_TEXT_BYTES = 512;

    /** Every time the two APIs send is Korea Standard Time (no daylight saving). */
    static final ZoneId KST = ZoneId.of("Asia/Seoul");

    /** A field given twice is refused rather than read as either copy. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm")
            .withResolverStyle(ResolverStyle.STRICT);

    private final JsonNode item;

    private PolledFields(JsonNode item) {
        this.item = item;
    }

    /** The fields of {@code record}'s item; a {@link Rejection} when it is not one JSON object. */
    static PolledFields of(HttpRecord record) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(record.json());
        } catch (Exception e) {
            throw new Rejection(RoadTrafficRejectReason.NOT_JSON, "not JSON: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new Rejection(RoadTrafficRejectReason.NOT_JSON, "not a JSON object");
        }
        return new PolledFields(tree);
    }

    /** A required text field (a JSON string or number), trimmed; empty counts as missing. */
    String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw new Rejection(RoadTrafficRejectReason.MISSING_FIELD, "field " + name + " is missing or empty");
        }
        return value;
    }

    /** An optional text field, trimmed; null when absent, null or empty. */
    String optional(String name) {
        JsonNode node = item.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            throw new Rejection(RoadTrafficRejectReason.WRONG_TYPE,
                    "field " + name + " is " + node.getNodeType() + ", not text");
        }
        String value = node.asText().strip();
        if (value.indexOf('\u0000') >= 0) {
            throw new Rejection(RoadTrafficRejectReason.NUL_CHARACTER, "field " + name + " holds a NUL character");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
            throw new Rejection(RoadTrafficRejectReason.FIELD_TOO_LONG,
                    "field " + name + " has more than " + MAX_TEXT_BYTES + " UTF-8 bytes");
        }
        return value.isEmpty() ? null : value;
    }

    /** A whole number that may come as a JSON number or a numeric string (KMA grid coordinates). */
    int wholeNumber(String name) {
        String text = required(name);
        if (!text.matches("-?\\d{1,9}")) {
            throw new Rejection(RoadTrafficRejectReason.WRONG_TYPE, "field " + name + " is not a whole number: "
                    + PolledFields.quoted(text));
        }
        return Integer.parseInt(text);
    }

    /** The instant of a KST date field ({@code yyyyMMdd}) and time field ({@code HHmm}). */
    long kstInstant(String dateField, String timeField) {
        String date = required(dateField);
        String time = required(timeField);
        try {
            return LocalDate.parse(date, DATE).atTime(LocalTime.parse(time, TIME)).atZone(KST).toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new Rejection(RoadTrafficRejectReason.BAD_TIMESTAMP, dateField + "/" + timeField + " "
                    + quoted(date) + "/" + quoted(time) + " is not a KST yyyyMMdd/HHmm time");
        }
    }

    /** The position of a polled item: {@code <endpoint>@<window start>/page <n>/item <i>}, unique per item. */
    static String position(HttpRecord record) {
        return record.endpointId() + "@" + record.windowStartMs() + "/page " + record.page() + "/item "
                + record.index();
    }

    /** The dead letter of {@code record}: its item as payload, its position, seen at its window's end. */
    static DeadLetter deadLetter(HttpRecord record, RoadTrafficRejectReason reason, String message) {
        return new DeadLetter(reason.name(), message, record.json().getBytes(StandardCharsets.UTF_8), "http",
                position(record), Instant.ofEpochMilli(record.windowEndMs()));
    }

    static String quoted(String text) {
        return "'" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'";
    }

    /** A field problem: the reason and what was wrong. */
    static final class Rejection extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final RoadTrafficRejectReason reason;

        Rejection(RoadTrafficRejectReason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        RoadTrafficRejectReason reason() {
            return reason;
        }
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.BRAND;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.CATEGORY_CODE;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.CATEGORY_ID;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.COUNTRY;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.DEVICE;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.EVENT_ID;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.EVENT_TIME;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.EVENT_TYPE;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.PRICE;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.PRODUCT_ID;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.REGION;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.SEARCH_QUERY;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.USER_ID;
import static io.github.flinklakehouse.jobs.clickstream.DatasetFields.USER_SESSION;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.flinklakehouse.jobs.config.EventValidation;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one JSON object or one dataset CSV row into a {@link ClickEvent}, or says exactly why not.
 *
 * <p>Never throws on bad input: every problem becomes a {@link ParseResult.Invalid} with a
 * {@link RejectReason}. JSON is read with Jackson, CSV rows with Jackson's CSV dataformat. Both paths
 * funnel into one validation, so the same rules hold for Kafka messages and backfill files.
 *
 * <p>Event times are checked against the record's ingestion time handed in by the caller (the Kafka
 * timestamp, or the time a backfill file was written), never the wall clock: a replay gets the same verdict.
 */
public final class ClickEventParser implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .reader();

    private static final ObjectReader CSV_ROW = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerFor(String[].class);

    private final EventValidation rules;

    public ClickEventParser(EventValidation rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** A parser with the default limits of {@link EventValidation#defaults()}. */
    public static ClickEventParser withDefaults() {
        return new ClickEventParser(EventValidation.defaults());
    }

    /**
     * Parses one JSON object with the dataset's field names plus the optional contract fields
     * ({@code event_id}, {@code device}, {@code country}, {@code region}, {@code search_query}).
     *
     * @param ingestedAt when the source received the record; event times are judged against it
     */
    public ParseResult parseJson(byte[] payload, Instant ingestedAt) {
        Optional<ParseResult> invalidBytes = checkBytes(payload);
        if (invalidBytes.isPresent()) {
            return invalidBytes.get();
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            return ParseResult.invalid(RejectReason.NOT_JSON, "Not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            return ParseResult.invalid(RejectReason.NOT_JSON,
                    "Expected one JSON object but found " + (root == null ? "nothing" : root.getNodeType()));
        }
        Map<String, String> fields = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                continue;
            }
            if (value.isTextual()) {
                fields.put(field.getKey(), value.textValue());
            } else if (value.isIntegralNumber()) {
                fields.put(field.getKey(), value.bigIntegerValue().toString());
            } else if (value.isNumber()) {
                fields.put(field.getKey(), value.decimalValue().toPlainString());
            } else {
                return ParseResult.invalid(RejectReason.WRONG_TYPE,
                        "Field " + field.getKey() + " must be a string or number, not " + value.getNodeType());
            }
        }
        return validate(fields, ingestedAt);
    }

    /** Parses one CSV row in the dataset's column order (no header, no line terminator needed). */
    public ParseResult parseCsvRow(byte[] payload, Instant ingestedAt) {
        Optional<ParseResult> invalidBytes = checkBytes(payload);
        return invalidBytes.orElseGet(() -> parseCsvRow(new String(payload, StandardCharsets.UTF_8), ingestedAt));
    }

    /** Parses one CSV row in the dataset's column order. */
    public ParseResult parseCsvRow(String line, Instant ingestedAt) {
        int bytes = line.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > rules.maxPayloadBytes()) {
            return ParseResult.invalid(RejectReason.OVERSIZED,
                    "Row has " + bytes + " bytes, more than " + rules.maxPayloadBytes());
        }
        String[] columns;
        try {
            try (MappingIterator<String[]> rows = CSV_ROW.readValues(line)) {
                columns = rows.hasNext() ? rows.next() : new String[0];
                if (rows.hasNext()) {
                    return ParseResult.invalid(RejectReason.NOT_CSV, "Expected one CSV row but found several");
                }
            }
        } catch (JsonProcessingException e) {
            return ParseResult.invalid(RejectReason.NOT_CSV, "Not a CSV row: " + firstLine(e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            // MappingIterator wraps parse errors in RuntimeJsonMappingException.
            return ParseResult.invalid(RejectReason.NOT_CSV, "Not a CSV row: " + firstLine(e.getMessage()));
        }
        if (columns == null || columns.length != DatasetFields.CSV_COLUMNS.size()) {
            return ParseResult.invalid(RejectReason.WRONG_FIELD_COUNT, "Expected "
                    + DatasetFields.CSV_COLUMNS.size() + " columns but found " + (columns == null ? 0 : columns.length));
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < columns.length; i++) {
            fields.put(DatasetFields.CSV_COLUMNS.get(i), columns[i]);
        }
        return validate(fields, ingestedAt);
    }

    private ParseResult validate(Map<String, String> fields, Instant ingestedAt) {
        for (String required : new String[] {EVENT_TIME, EVENT_TYPE, PRODUCT_ID, CATEGORY_ID, PRICE, USER_ID, USER_SESSION}) {
            if (blank(fields.get(required))) {
                return ParseResult.invalid(RejectReason.MISSING_FIELD, "Field " + required + " is missing or empty");
            }
        }
        Optional<Instant> eventTime = EventTimes.parse(fields.get(EVENT_TIME));
        if (eventTime.isEmpty()) {
            return ParseResult.invalid(RejectReason.BAD_TIMESTAMP, "Field event_time '" + fields.get(EVENT_TIME)
                    + "' is not 'yyyy-MM-dd HH:mm:ss UTC', ISO-8601 with offset, or epoch millis");
        }
        Optional<EventType> eventType = EventType.fromCode(fields.get(EVENT_TYPE));
        if (eventType.isEmpty()) {
            return ParseResult.invalid(RejectReason.UNKNOWN_EVENT_TYPE,
                    "Field event_type '" + fields.get(EVENT_TYPE) + "' is not a known event type");
        }
        Long productId = parseLong(fields.get(PRODUCT_ID));
        Long categoryId = parseLong(fields.get(CATEGORY_ID));
        Long userId = parseLong(fields.get(USER_ID));
        if (productId == null || categoryId == null || userId == null) {
            String field = productId == null ? PRODUCT_ID : categoryId == null ? CATEGORY_ID : USER_ID;
            return ParseResult.invalid(RejectReason.WRONG_TYPE,
                    "Field " + field + " '" + fields.get(field) + "' is not a whole number");
        }
        BigDecimal price;
        try {
            price = new BigDecimal(fields.get(PRICE).trim());
        } catch (NumberFormatException e) {
            return ParseResult.invalid(RejectReason.WRONG_TYPE, "Field price '" + fields.get(PRICE) + "' is not a number");
        }
        if (price.signum() < 0) {
            return ParseResult.invalid(RejectReason.NEGATIVE_PRICE, "Field price is negative: " + price.toPlainString());
        }
        try {
            price = price.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            return ParseResult.invalid(RejectReason.WRONG_TYPE,
                    "Field price '" + fields.get(PRICE) + "' has more than two decimals");
        }
        if (price.precision() > 12) {
            return ParseResult.invalid(RejectReason.WRONG_TYPE, "Field price '" + fields.get(PRICE) + "' is too large");
        }
        // Plausibility of the time last: a record that is malformed as well reports the malformation.
        if (eventTime.get().isBefore(rules.oldestEventTime())) {
            return ParseResult.invalid(RejectReason.TOO_OLD, "Field event_time " + eventTime.get()
                    + " is before the oldest accepted time " + rules.oldestEventTime());
        }
        Instant latest = ingestedAt.plus(rules.futureTolerance());
        if (eventTime.get().isAfter(latest)) {
            return ParseResult.invalid(RejectReason.FUTURE_TIMESTAMP, "Field event_time " + eventTime.get()
                    + " is more than " + rules.futureTolerance() + " after the ingestion time " + ingestedAt);
        }
        return ParseResult.valid(new ClickEvent(
                eventTime.get(),
                eventType.get(),
                productId,
                categoryId,
                emptyToNull(fields.get(CATEGORY_CODE)),
                emptyToNull(fields.get(BRAND)),
                price,
                userId,
                fields.get(USER_SESSION),
                emptyToNull(fields.get(EVENT_ID)),
                emptyToNull(fields.get(DEVICE)),
                emptyToNull(fields.get(COUNTRY)),
                emptyToNull(fields.get(REGION)),
                emptyToNull(fields.get(SEARCH_QUERY))));
    }

    private Optional<ParseResult> checkBytes(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Optional.of(ParseResult.invalid(RejectReason.MISSING_FIELD, "Empty payload"));
        }
        if (payload.length > rules.maxPayloadBytes()) {
            return Optional.of(ParseResult.invalid(RejectReason.OVERSIZED,
                    "Payload has " + payload.length + " bytes, more than " + rules.maxPayloadBytes()));
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of(ParseResult.invalid(RejectReason.INVALID_UTF8, "Payload is not valid UTF-8"));
        }
    }

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String emptyToNull(String value) {
        return blank(value) ? null : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

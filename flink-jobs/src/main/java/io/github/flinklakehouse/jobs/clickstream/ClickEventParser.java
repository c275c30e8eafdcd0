package io.github.flinklakehouse.jobs.clickstream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.io.IOException;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one JSON object or one dataset CSV row into a {@link ClickEvent}, or says exactly why not.
 *
 * <p>Never throws on bad input, and takes time bounded by the payload's size whatever it holds: every problem
 * becomes a {@link ParseResult.Invalid} with a {@link RejectReason} (even a bug of the parser itself, as
 * {@link RejectReason#PARSER_FAILURE}). Text fields must be storable in PostgreSQL and fit a mart key: no NUL
 * character, at most {@link #MAX_TEXT_BYTES} UTF-8 bytes. JSON is read token by token with Jackson's
 * streaming parser (numbers stay text until a known field is validated, so an absurd number in any field costs
 * nothing); a CSV row without quotes is split on its commas, one with quotes goes through Jackson's CSV parser. Both
 * paths fill the same field slots and share one validation, so the same rules hold for Kafka messages and backfill
 * files. Unknown JSON fields are ignored, whatever their value (objects and arrays included).
 *
 * <p>Event times are checked against the record's ingestion time handed in by the caller (the Kafka timestamp,
 * or the time a backfill file was written), never the wall clock: a replay gets the same verdict.
 */
public final class ClickEventParser implements Serializable {

    /** Eight bytes of a payload at any offset, read as one long (plain reads need no alignment). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long serialVersionUID = 1L;

    /**
     * The longest text field, in UTF-8 bytes. Text fields are mart keys (sessions, category and funnel marts): three
     * of them must fit PostgreSQL's btree index row limit of 2,704 bytes.
     */
    public static final int MAX_TEXT_BYTES = 512;

    /** Largest number text Jackson tokenizes: any number that fits the largest allowed payload. */
    private static final int MAX_TOKEN_LENGTH = 1024 * 1024 + 1;

    // A field given twice is ambiguous (which value is the event's?): NOT_JSON, never a silent last-one-wins.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(MAX_TOKEN_LENGTH)
                    .maxStringLength(MAX_TOKEN_LENGTH)
                    .build())
            .build();

    private static final ObjectReader CSV_ROW = new CsvMapper()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .readerFor(String[].class);

    /** Digits before the point of a price: DECIMAL(12, 2) in the raw table. */
    private static final int PRICE_INTEGER_DIGITS = 10;
    /** Digits before the point of a revenue: DECIMAL(18, 2) in the raw table. */
    private static final int REVENUE_INTEGER_DIGITS = 16;
    /** The largest quantity of one event. */
    public static final int MAX_QUANTITY = 1_000_000;

    private static final int CSV_COLUMNS = DatasetFields.CSV_COLUMNS.size();
    private static final int MAX_QUOTED_TEXT = 60;

    private final EventValidation rules;
    /** The declared JSON format, or {@code null} for the dataset's own (the fixed-field fast path). */
    private final DeclaredFormat declared;

    public ClickEventParser(EventValidation rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.declared = rules.format().isDataset() ? null : new DeclaredFormat(rules.format());
    }

    /** A parser with the default limits of {@link EventValidation#defaults()}. */
    public static ClickEventParser withDefaults() {
        return new ClickEventParser(EventValidation.defaults());
    }

    /**
     * Parses one JSON object with the dataset's field names plus the optional contract fields
     * ({@code event_id}, {@code device}, {@code country}, {@code region}, {@code search_query}), or in the declared
     * format of {@link EventValidation#format()} (its fields, event types, defaults and id patterns).
     *
     * @param ingestedAt when the source received the record; event times are judged against it
     */
    public ParseResult parseJson(byte[] payload, Instant ingestedAt) {
        try {
            return readJson(payload, ingestedAt);
        } catch (RuntimeException e) {
            return parserFailure(e);
        }
    }

    private ParseResult readJson(byte[] payload, Instant ingestedAt) {
        ParseResult invalidBytes = checkBytes(payload);
        if (invalidBytes != null) {
            return invalidBytes;
        }
        String[] fields = new String[RawFields.COUNT];
        try (JsonParser json = JSON.createParser(payload)) {
            JsonToken root = json.nextToken();
            if (root != JsonToken.START_OBJECT) {
                return ParseResult.invalid(RejectReason.NOT_JSON,
                        "Expected one JSON object but found " + (root == null ? "nothing" : describe(root)));
            }
            ParseResult.Invalid bad = declared == null ? readDatasetFields(json, fields)
                    : readDeclaredFields(json, "", fields);
            if (bad != null) {
                return bad;
            }
            if (json.nextToken() != null) {
                return ParseResult.invalid(RejectReason.NOT_JSON, "Not JSON: trailing content after the object");
            }
        } catch (IOException e) {
            return ParseResult.invalid(RejectReason.NOT_JSON, "Not JSON: " + firstLine(e.getMessage()));
        }
        if (declared != null) {
            ParseResult.Invalid notContract = declared.toContract(fields);
            if (notContract != null) {
                return notContract;
            }
        }
        return validate(fields, ingestedAt);
    }

    /** The dataset's JSON: the members of the object whose names are contract fields; every other one is skipped. */
    private static ParseResult.Invalid readDatasetFields(JsonParser json, String[] fields) throws IOException {
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
            String name = json.currentName();
            int slot = RawFields.slotOf(name);
            JsonToken value = json.nextToken();
            if (slot < 0) {
                json.skipChildren();
                continue;
            }
            ParseResult.Invalid bad = readValue(json, value, name, fields, slot);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /**
     * A declared format's JSON: the members of the object at {@code path} that the format reads, descending only into
     * objects that hold such a member (so the depth is bounded by the declaration); every other value is skipped.
     */
    private ParseResult.Invalid readDeclaredFields(JsonParser json, String path, String[] fields) throws IOException {
        for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
            String pointer = DeclaredFormat.child(path, json.currentName());
            int slot = declared.slotOf(pointer);
            JsonToken value = json.nextToken();
            ParseResult.Invalid bad = null;
            if (slot >= 0) {
                bad = readValue(json, value, declared.describe(slot), fields, slot);
            } else if (value == JsonToken.START_OBJECT && declared.descendsInto(pointer)) {
                bad = readDeclaredFields(json, pointer, fields);
            } else {
                json.skipChildren();
            }
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** Reads one scalar into its slot; numbers stay text (bounded); objects, arrays and booleans are WRONG_TYPE. */
    private static ParseResult.Invalid readValue(JsonParser json, JsonToken value, String name, String[] fields,
            int slot) throws IOException {
        switch (value) {
            case VALUE_STRING, VALUE_NUMBER_INT -> fields[slot] = json.getText();
            case VALUE_NUMBER_FLOAT -> {
                String plain = BoundedNumbers.plain(json.getText());
                if (plain == null) {
                    return new ParseResult.Invalid(RejectReason.WRONG_TYPE, "Field " + name + " number "
                            + quoted(json.getText()) + " is out of range");
                }
                fields[slot] = plain;
            }
            case VALUE_NULL -> fields[slot] = null;
            default -> {
                return new ParseResult.Invalid(RejectReason.WRONG_TYPE,
                        "Field " + name + " must be a string or number, not " + describe(value));
            }
        }
        return null;
    }

    /** Parses one CSV row in the dataset's column order (no header, no line terminator needed). */
    public ParseResult parseCsvRow(byte[] payload, Instant ingestedAt) {
        try {
            ParseResult invalidBytes = checkBytes(payload);
            if (invalidBytes != null) {
                return invalidBytes;
            }
            return parseRow(decode(payload), ingestedAt);
        } catch (RuntimeException e) {
            return parserFailure(e);
        }
    }

    /** Parses one CSV row in the dataset's column order. */
    public ParseResult parseCsvRow(String line, Instant ingestedAt) {
        try {
            return readCsvLine(line, ingestedAt);
        } catch (RuntimeException e) {
            return parserFailure(e);
        }
    }

    private ParseResult readCsvLine(String line, Instant ingestedAt) {
        // A char is at most three UTF-8 bytes: only a long line needs counting.
        if ((long) line.length() * 3 > rules.maxPayloadBytes()) {
            int bytes = line.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > rules.maxPayloadBytes()) {
                return ParseResult.invalid(RejectReason.OVERSIZED,
                        "Row has " + bytes + " bytes, more than " + rules.maxPayloadBytes());
            }
        }
        return parseRow(line, ingestedAt);
    }

    private ParseResult parseRow(String line, Instant ingestedAt) {
        String[] columns;
        if (line.indexOf('"') < 0 && line.indexOf('\r') < 0 && line.indexOf('\n') < 0) {
            columns = splitPlainRow(line);
        } else {
            try (MappingIterator<String[]> rows = CSV_ROW.readValues(line)) {
                columns = rows.hasNext() ? rows.next() : new String[0];
                if (rows.hasNext()) {
                    return ParseResult.invalid(RejectReason.NOT_CSV, "Expected one CSV row but found several");
                }
            } catch (JsonProcessingException e) {
                return ParseResult.invalid(RejectReason.NOT_CSV, "Not a CSV row: " + firstLine(e.getOriginalMessage()));
            } catch (IOException | RuntimeException e) {
                // MappingIterator wraps parse errors in RuntimeJsonMappingException.
                return ParseResult.invalid(RejectReason.NOT_CSV, "Not a CSV row: " + firstLine(e.getMessage()));
            }
        }
        if (columns == null || columns.length != CSV_COLUMNS) {
            return ParseResult.invalid(RejectReason.WRONG_FIELD_COUNT, "Expected " + CSV_COLUMNS
                    + " columns but found " + (columns == null ? 0 : columns.length));
        }
        String[] fields = new String[RawFields.COUNT];
        System.arraycopy(columns, 0, fields, 0, CSV_COLUMNS);
        return validate(fields, ingestedAt);
    }

    /** The columns of a row without quotes: exactly what a CSV parser gives for it, split on every comma. */
    private static String[] splitPlainRow(String line) {
        if (line.isEmpty()) {
            return new String[0];
        }
        int commas = 0;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            commas++;
        }
        String[] columns = new String[commas + 1];
        int start = 0;
        for (int column = 0; column < commas; column++) {
            int comma = line.indexOf(',', start);
            columns[column] = line.substring(start, comma);
            start = comma + 1;
        }
        columns[commas] = line.substring(start);
        return columns;
    }

    private ParseResult validate(String[] fields, Instant ingestedAt) {
        for (int required : RawFields.REQUIRED) {
            if (blank(fields[required])) {
                return ParseResult.invalid(RejectReason.MISSING_FIELD,
                        "Field " + RawFields.NAMES.get(required) + " is missing or empty");
            }
        }
        for (int text : RawFields.TEXT) {
            ParseResult badText = checkText(text, fields[text]);
            if (badText != null) {
                return badText;
            }
        }
        Optional<Instant> eventTime = EventTimes.parse(fields[RawFields.EVENT_TIME]);
        if (eventTime.isEmpty()) {
            return ParseResult.invalid(RejectReason.BAD_TIMESTAMP, "Field event_time "
                    + quoted(fields[RawFields.EVENT_TIME])
                    + " is not a valid 'yyyy-MM-dd HH:mm:ss UTC', ISO-8601 with offset, or epoch millis");
        }
        Optional<EventType> eventType = EventType.fromCode(fields[RawFields.EVENT_TYPE]);
        if (eventType.isEmpty()) {
            return ParseResult.invalid(RejectReason.UNKNOWN_EVENT_TYPE,
                    "Field event_type " + quoted(fields[RawFields.EVENT_TYPE]) + " is not a known event type");
        }
        Long productId = BoundedNumbers.wholeNumber(fields[RawFields.PRODUCT_ID]);
        Long categoryId = BoundedNumbers.wholeNumber(fields[RawFields.CATEGORY_ID]);
        Long userId = BoundedNumbers.wholeNumber(fields[RawFields.USER_ID]);
        if (productId == null || categoryId == null || userId == null) {
            int slot = productId == null ? RawFields.PRODUCT_ID
                    : categoryId == null ? RawFields.CATEGORY_ID : RawFields.USER_ID;
            return ParseResult.invalid(RejectReason.WRONG_TYPE, "Field " + RawFields.NAMES.get(slot) + " "
                    + quoted(fields[slot]) + " is not a whole number of at most 19 digits");
        }
        Object price = amount(fields, RawFields.PRICE, PRICE_INTEGER_DIGITS);
        if (price instanceof ParseResult.Invalid badPrice) {
            return badPrice;
        }
        Integer quantity = null;
        if (!blank(fields[RawFields.QUANTITY])) {
            Long whole = BoundedNumbers.wholeNumber(fields[RawFields.QUANTITY]);
            if (whole == null || whole < 0 || whole > MAX_QUANTITY) {
                return ParseResult.invalid(RejectReason.WRONG_TYPE, "Field quantity "
                        + quoted(fields[RawFields.QUANTITY]) + " is not a whole number from 0 to " + MAX_QUANTITY);
            }
            quantity = whole.intValue();
        }
        Object revenue = blank(fields[RawFields.REVENUE]) ? null
                : amount(fields, RawFields.REVENUE, REVENUE_INTEGER_DIGITS);
        if (revenue instanceof ParseResult.Invalid badRevenue) {
            return badRevenue;
        }
        // Without a revenue, the marts count price × quantity: it must fit where a given revenue must.
        if (revenue == null && quantity != null) {
            BigDecimal derived = ((BigDecimal) price).multiply(BigDecimal.valueOf(quantity)).stripTrailingZeros();
            if (derived.precision() - derived.scale() > REVENUE_INTEGER_DIGITS) {
                return ParseResult.invalid(RejectReason.WRONG_TYPE, "Field quantity " + quantity + " times price "
                        + ((BigDecimal) price).toPlainString() + " is too large for a revenue (at most "
                        + (REVENUE_INTEGER_DIGITS + 2) + " digits); send the revenue or a smaller quantity");
            }
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
        ClickEvent event = new ClickEvent(
                eventTime.get(),
                eventType.get(),
                productId,
                categoryId,
                emptyToNull(fields[RawFields.CATEGORY_CODE]),
                emptyToNull(fields[RawFields.BRAND]),
                (BigDecimal) price,
                userId,
                fields[RawFields.USER_SESSION],
                emptyToNull(fields[RawFields.EVENT_ID]),
                emptyToNull(fields[RawFields.DEVICE]),
                emptyToNull(fields[RawFields.COUNTRY]),
                emptyToNull(fields[RawFields.REGION]),
                emptyToNull(fields[RawFields.SEARCH_QUERY]),
                quantity,
                (BigDecimal) revenue);
        return ParseResult.valid(declared == null ? event : declared.withDerivedEventId(event));
    }

    /**
     * A money amount of a slot at two decimals ({@code price}: 12 digits, {@code revenue}: 18), or the
     * {@link ParseResult.Invalid} that says why it is not one.
     */
    private static Object amount(String[] fields, int slot, int integerDigits) {
        String name = RawFields.NAMES.get(slot);
        BigDecimal value = BoundedNumbers.decimal(fields[slot]);
        if (value == null) {
            return new ParseResult.Invalid(RejectReason.WRONG_TYPE, "Field " + name + " " + quoted(fields[slot])
                    + " is not a number (or its exponent is beyond " + BoundedNumbers.MAX_EXPONENT + ")");
        }
        if (value.signum() < 0) {
            return new ParseResult.Invalid(RejectReason.NEGATIVE_PRICE,
                    "Field " + name + " is negative: " + quoted(fields[slot]));
        }
        value = value.stripTrailingZeros();
        if (value.scale() > 2) {
            return new ParseResult.Invalid(RejectReason.WRONG_TYPE,
                    "Field " + name + " " + quoted(fields[slot]) + " has more than two decimals");
        }
        if (value.precision() - value.scale() > integerDigits) {
            return new ParseResult.Invalid(RejectReason.WRONG_TYPE, "Field " + name + " " + quoted(fields[slot])
                    + " is too large (at most " + (integerDigits + 2) + " digits)");
        }
        return value.setScale(2);
    }

    /** What PostgreSQL and the mart keys need of a text field; {@code null} when it passes. */
    private static ParseResult checkText(int slot, String value) {
        if (value == null) {
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            return ParseResult.invalid(RejectReason.NUL_CHARACTER,
                    "Field " + RawFields.NAMES.get(slot) + " holds a NUL character (U+0000) at position "
                            + value.indexOf('\0'));
        }
        int halfPair = unpairedSurrogate(value);
        if (halfPair >= 0) {
            // Only a JSON escape can make one (decoded bytes never do); UTF-8 writers would turn it into '?'.
            return ParseResult.invalid(RejectReason.INVALID_UTF8, String.format(Locale.ROOT,
                    "Field %s holds half a surrogate pair (U+%04X) at position %d, which has no UTF-8 encoding",
                    RawFields.NAMES.get(slot), (int) value.charAt(halfPair), halfPair));
        }
        // A char is at most three UTF-8 bytes: only a long value needs counting.
        if (value.length() * 3L > MAX_TEXT_BYTES) {
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_TEXT_BYTES) {
                return ParseResult.invalid(RejectReason.FIELD_TOO_LONG, "Field " + RawFields.NAMES.get(slot)
                        + " has " + bytes + " UTF-8 bytes, more than " + MAX_TEXT_BYTES + ": " + quoted(value));
            }
        }
        return null;
    }

    /** The position of the first surrogate char that is not part of a high-low pair, or -1. */
    private static int unpairedSurrogate(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** A record the parser itself failed on: a typed dead letter naming the exception, so it is never lost. */
    private static ParseResult parserFailure(RuntimeException e) {
        return ParseResult.invalid(RejectReason.PARSER_FAILURE,
                "The parser failed on this record: " + e.getClass().getName() + ": " + firstLine(e.getMessage()));
    }

    /** The size and encoding checks every payload passes first; {@code null} when it passes. */
    private ParseResult checkBytes(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return ParseResult.invalid(RejectReason.MISSING_FIELD, "Empty payload");
        }
        if (payload.length > rules.maxPayloadBytes()) {
            return ParseResult.invalid(RejectReason.OVERSIZED,
                    "Payload has " + payload.length + " bytes, more than " + rules.maxPayloadBytes());
        }
        if (!isAscii(payload) && decodeUtf8(payload) == null) {
            return ParseResult.invalid(RejectReason.INVALID_UTF8, "Payload is not valid UTF-8");
        }
        return null;
    }

    /** The text of a payload that passed {@link #checkBytes}. */
    private static String decode(byte[] payload) {
        return isAscii(payload) ? new String(payload, StandardCharsets.ISO_8859_1) : decodeUtf8(payload);
    }

    /**
     * Whether every byte is below 0x80, eight bytes a step: every payload is checked (a CSV row twice), and the byte
     * by byte loop was 3 % of the live job's source thread (JFR, 1,000,000-event streaming benchmark).
     */
    static boolean isAscii(byte[] payload) {
        int i = 0;
        for (int words = payload.length - 7; i < words; i += 8) {
            if (((long) LONGS.get(payload, i) & 0x8080808080808080L) != 0) {
                return false;
            }
        }
        for (; i < payload.length; i++) {
            if (payload[i] < 0) {
                return false;
            }
        }
        return true;
    }

    /** The strictly decoded text, or {@code null} when the bytes are not valid UTF-8. */
    private static String decodeUtf8(byte[] payload) {
        try {
            CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload));
            return text.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            default -> token.name();
        };
    }

    /** {@code 'value'}, cut to a readable length. */
    static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > MAX_QUOTED_TEXT ? value.substring(0, MAX_QUOTED_TEXT) + "...'" : value + "'");
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

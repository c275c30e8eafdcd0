package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClickEventParserTest {

    @Test
    void aByteOf0x80OrMoreAnywhereMakesAPayloadNotAscii() {
        for (int length = 0; length <= 33; length++) {
            byte[] payload = new byte[length];
            Arrays.fill(payload, (byte) 'a');
            assertThat(ClickEventParser.isAscii(payload)).as("length %d", length).isTrue();
            for (int at = 0; at < length; at++) {
                for (int high : new int[] {0x80, 0xC3, 0xFF}) {
                    payload[at] = (byte) high;
                    assertThat(ClickEventParser.isAscii(payload)).as("0x%x at %d of %d", high, at, length).isFalse();
                }
                payload[at] = 0x7F;
                assertThat(ClickEventParser.isAscii(payload)).as("0x7f at %d of %d", at, length).isTrue();
            }
        }
    }

    private static final ClickEventParser PARSER = ClickEventParser.withDefaults();
    /** Ingestion time of every test record: after the whole sample (Oct-Nov 2019), so no event lies in the future. */
    private static final Instant INGESTED = Instant.parse("2019-12-01T00:00:00Z");

    @Test
    void parsesEveryRowOfTheRealSample() throws Exception {
        List<String> lines = SampleData.ecommerceLines();
        assertThat(lines.get(0)).isEqualTo(DatasetFields.CSV_HEADER);

        Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
        int withoutCategoryCode = 0;
        int withoutBrand = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (String line : lines.subList(1, lines.size())) {
            ParseResult result = PARSER.parseCsvRow(line, INGESTED);
            assertThat(result).as(line).isInstanceOf(ParseResult.Valid.class);
            ClickEvent event = ((ParseResult.Valid) result).event();
            byType.merge(event.eventType(), 1, Integer::sum);
            withoutCategoryCode += event.categoryCode() == null ? 1 : 0;
            withoutBrand += event.brand() == null ? 1 : 0;
            if (event.eventType() == EventType.PURCHASE) {
                revenue = revenue.add(event.price());
            }
        }
        // Expected values counted with awk over the file, independently of this parser.
        assertThat(byType).containsExactlyInAnyOrderEntriesOf(
                Map.of(EventType.VIEW, 191, EventType.CART, 3, EventType.PURCHASE, 15));
        assertThat(withoutCategoryCode).isEqualTo(55);
        assertThat(withoutBrand).isEqualTo(15);
        assertThat(revenue).isEqualByComparingTo("3595.32");
    }

    @Test
    void firstRowFieldByField() throws Exception {
        ClickEvent event = valid(PARSER.parseCsvRow(SampleData.ecommerceLines().get(1), INGESTED));

        assertThat(event).isEqualTo(new ClickEvent(Instant.parse("2019-10-01T00:00:00Z"), EventType.VIEW, 44600062L,
                2103807459595387724L, null, "shiseido", new BigDecimal("35.79"), 541312140L,
                "72d76fde-8bb3-4e00-8c23-a032dfed738c", null));
    }

    @Test
    void purchaseRowAndNovemberRowFieldByField() throws Exception {
        List<String> lines = SampleData.ecommerceLines();

        assertThat(valid(PARSER.parseCsvRow(lines.get(152), INGESTED))).isEqualTo(new ClickEvent(
                Instant.parse("2019-10-01T00:02:14Z"), EventType.PURCHASE, 1004856L, 2053013555631882655L,
                "electronics.smartphone", "samsung", new BigDecimal("130.76"), 543272936L,
                "8187d148-3c41-46d4-b0c0-9c08cd9dc564", null));
        assertThat(valid(PARSER.parseCsvRow(lines.get(209), INGESTED))).isEqualTo(new ClickEvent(
                Instant.parse("2019-11-01T03:29:46Z"), EventType.VIEW, 4700727L, 2053013560899928785L,
                "auto.accessories.videoregister", "navitel", new BigDecimal("51.46"), 543578026L,
                "9eb059dc-3fdc-467f-a723-af6330893212", null));
    }

    @Test
    void jsonWithDatasetNamesIsolatesNullsAndAcceptsNumbersOrStrings() {
        String json = "{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"cart\",\"product_id\":\"44600062\","
                + "\"category_id\":2103807459595387724,\"category_code\":null,\"brand\":\"\",\"price\":35.7,"
                + "\"user_id\":541312140,\"user_session\":\"s-1\",\"event_id\":\"e-9\"}";

        ClickEvent event = valid(PARSER.parseJson(json.getBytes(StandardCharsets.UTF_8), INGESTED));

        assertThat(event).isEqualTo(new ClickEvent(Instant.parse("2019-10-01T00:00:00Z"), EventType.CART, 44600062L,
                2103807459595387724L, null, null, new BigDecimal("35.70"), 541312140L, "s-1", "e-9"));
    }

    @Test
    void aSurrogatePairFromJsonEscapesIsKeptHalfAPairIsRejected() {
        String session = "{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"view\",\"product_id\":1,"
                + "\"category_id\":2,\"price\":1.5,\"user_id\":3,\"user_session\":";
        assertThat(valid(PARSER.parseJson(bytes(session + "\"s\\ud83d\\ude00\"}"), INGESTED)).userSession())
                .isEqualTo("s\ud83d\ude00");
        ParseResult half = PARSER.parseJson(bytes(session + "\"s\\ude00x\"}"), INGESTED);
        assertThat(half).isInstanceOf(ParseResult.Invalid.class);
        assertThat(((ParseResult.Invalid) half).reason()).isEqualTo(RejectReason.INVALID_UTF8);
        assertThat(((ParseResult.Invalid) half).message())
                .isEqualTo("Field user_session holds half a surrogate pair (U+DE00) at position 1, which has no UTF-8 "
                        + "encoding");
    }

    @Test
    void acceptsIsoOffsetAndEpochMillisTimestamps() {
        assertThat(valid(PARSER.parseJson(json("\"2019-10-01T09:00:00+09:00\""), INGESTED)).eventTime())
                .isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
        assertThat(valid(PARSER.parseJson(json("1569888000000"), INGESTED)).eventTime())
                .isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
        assertThat(valid(PARSER.parseJson(json("\"2019-10-01T00:00:00Z\""), INGESTED)).eventTime())
                .isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
    }

    static Stream<Arguments> malformed() {
        String ok = "2019-10-01 00:00:00 UTC,view,1,2053013552326770905,,,1.00,5,s";
        return Stream.of(
                Arguments.of("not json", bytes("hello"), true, RejectReason.NOT_JSON),
                Arguments.of("json array", bytes("[1,2]"), true, RejectReason.NOT_JSON),
                Arguments.of("two objects", bytes("{} {}"), true, RejectReason.NOT_JSON),
                Arguments.of("truncated json", bytes("{\"event_time\":"), true, RejectReason.NOT_JSON),
                Arguments.of("invalid utf-8", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, true, RejectReason.INVALID_UTF8),
                Arguments.of("oversized", new byte[EventValidation.defaults().maxPayloadBytes() + 1], true, RejectReason.OVERSIZED),
                Arguments.of("empty payload", new byte[0], true, RejectReason.MISSING_FIELD),
                Arguments.of("missing user_session", bytes("{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"view\","
                        + "\"product_id\":1,\"category_id\":2,\"price\":1,\"user_id\":3}"), true, RejectReason.MISSING_FIELD),
                Arguments.of("object as field", json("{\"a\":1}"), true, RejectReason.WRONG_TYPE),
                Arguments.of("boolean as field", bytes(jsonText("\"2019-10-01 00:00:00 UTC\"").replace("\"price\":1.5", "\"price\":true")),
                        true, RejectReason.WRONG_TYPE),
                Arguments.of("bad timestamp", json("\"01/10/2019\""), true, RejectReason.BAD_TIMESTAMP),
                Arguments.of("unknown type", bytes(jsonText("1").replace("\"view\"", "\"click\"")), true, RejectReason.UNKNOWN_EVENT_TYPE),
                Arguments.of("upper-case type", bytes(jsonText("1").replace("\"view\"", "\"VIEW\"")), true, RejectReason.UNKNOWN_EVENT_TYPE),
                Arguments.of("csv wrong field count", bytes("2019-10-01 00:00:00 UTC,view,1"), false, RejectReason.WRONG_FIELD_COUNT),
                Arguments.of("csv unclosed quote", bytes(ok.replace(",s", ",\"s")), false, RejectReason.NOT_CSV),
                Arguments.of("csv letters in product_id", bytes(ok.replace(",1,", ",abc,")), false, RejectReason.WRONG_TYPE),
                Arguments.of("csv 20-digit category", bytes(ok.replace("2053013552326770905", "99999999999999999999")), false,
                        RejectReason.WRONG_TYPE),
                Arguments.of("csv negative price", bytes(ok.replace("1.00", "-1.00")), false, RejectReason.NEGATIVE_PRICE),
                Arguments.of("csv three decimals", bytes(ok.replace("1.00", "1.005")), false, RejectReason.WRONG_TYPE),
                Arguments.of("csv price text", bytes(ok.replace("1.00", "free")), false, RejectReason.WRONG_TYPE),
                Arguments.of("csv empty event_time", bytes(ok.replace("2019-10-01 00:00:00 UTC", "")), false, RejectReason.MISSING_FIELD),
                Arguments.of("csv header line", bytes(DatasetFields.CSV_HEADER), false, RejectReason.BAD_TIMESTAMP),
                Arguments.of("csv invalid utf-8", new byte[] {'a', (byte) 0xFF}, false, RejectReason.INVALID_UTF8),
                Arguments.of("more than the future tolerance after ingestion", json("\"2019-12-01T01:00:01Z\""), true,
                        RejectReason.FUTURE_TIMESTAMP),
                Arguments.of("before the oldest accepted time", json("\"1999-12-31T23:59:59Z\""), true, RejectReason.TOO_OLD),
                Arguments.of("epoch zero", json("0"), true, RejectReason.TOO_OLD),
                Arguments.of("csv future", bytes(ok.replace("2019-10-01", "2019-12-02")), false, RejectReason.FUTURE_TIMESTAMP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedInputWithItsReason(String label, byte[] payload, boolean json, RejectReason expected) {
        ParseResult result = json ? PARSER.parseJson(payload, INGESTED) : PARSER.parseCsvRow(payload, INGESTED);

        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.reason()).isEqualTo(expected);
            assertThat(invalid.message()).isNotBlank();
        });
    }

    @Test
    void eventTimeLimitsAreInclusiveAndJudgedAgainstTheIngestionTimeNotTheClock() {
        assertThat(valid(PARSER.parseJson(json("\"2019-12-01T01:00:00Z\""), INGESTED)).eventTime())
                .isEqualTo(Instant.parse("2019-12-01T01:00:00Z"));
        assertThat(valid(PARSER.parseJson(json("\"2000-01-01T00:00:00Z\""), INGESTED)).eventTime())
                .isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
        // The same record replayed years later gets the same verdict: only its own ingestion time counts.
        assertThat(PARSER.parseJson(json("\"2019-12-01T01:00:01Z\""), INGESTED))
                .isEqualTo(PARSER.parseJson(json("\"2019-12-01T01:00:01Z\""), INGESTED));
    }

    @Test
    void limitsComeFromTheConfiguration() {
        ClickEventParser strict = new ClickEventParser(
                new EventValidation(300, Duration.ZERO, Instant.parse("2019-10-01T00:00:01Z")));
        byte[] event = json("\"2019-10-01T00:00:00Z\"");

        assertThat(reason(strict.parseJson(event, INGESTED))).isEqualTo(RejectReason.TOO_OLD);
        assertThat(reason(strict.parseJson(json("\"2019-10-01T00:00:02Z\""), Instant.parse("2019-10-01T00:00:01Z"))))
                .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
        byte[] padded = bytes(jsonText("\"2019-11-01T00:00:00Z\"").replace("\"s\"", "\"" + "s".repeat(200) + "\""));
        assertThat(padded.length).isGreaterThan(300);
        assertThat(reason(strict.parseJson(padded, INGESTED))).isEqualTo(RejectReason.OVERSIZED);
        assertThat(PARSER.parseJson(padded, INGESTED)).isInstanceOf(ParseResult.Valid.class);
    }

    @Test
    void carriesTheOptionalContractFields() {
        String json = "{\"event_time\":\"2019-10-01T00:00:00Z\",\"event_type\":\"search\",\"product_id\":1,"
                + "\"category_id\":2,\"price\":0,\"user_id\":3,\"user_session\":\"s\",\"event_id\":\"e-1\","
                + "\"device\":\"mobile\",\"country\":\"DE\",\"region\":\"\",\"search_query\":\"red shoes, size 42\"}";

        assertThat(valid(PARSER.parseJson(bytes(json), INGESTED))).isEqualTo(new ClickEvent(
                Instant.parse("2019-10-01T00:00:00Z"), EventType.SEARCH, 1, 2, null, null, new BigDecimal("0.00"), 3, "s",
                "e-1", "mobile", "DE", null, "red shoes, size 42"));
    }

    @Test
    void everySampleRowAsJsonParsesToExactlyTheEventOfItsCsvRow() throws Exception {
        List<String> rows = SampleData.ecommerceLines().subList(1, SampleData.ecommerceLines().size());
        int compared = 0;
        for (String row : rows) {
            byte[] json = SampleRowsAsJson.convert(row);
            assertThat(valid(PARSER.parseJson(json, INGESTED))).as(new String(json, StandardCharsets.UTF_8))
                    .isEqualTo(valid(PARSER.parseCsvRow(row, INGESTED)));
            compared++;
        }
        assertThat(compared).isEqualTo(209);
    }

    @Test
    void malformedCorpusAccountsForEveryRecord() throws Exception {
        List<String> sample = SampleData.ecommerceLines();
        String ok = sample.get(1);
        List<byte[]> json = new ArrayList<>();
        List<byte[]> csv = new ArrayList<>();
        for (String row : sample.subList(1, 31)) {
            json.add(SampleRowsAsJson.convert(row));
            csv.add(bytes(row));
        }
        // A quoted category with a comma inside is valid CSV: accepted, not split.
        csv.add(bytes(ok.replace(",,shiseido,", ",\"beauty,skin\",shiseido,")));
        String okJson = new String(SampleRowsAsJson.convert(ok), StandardCharsets.UTF_8);
        Map<RejectReason, Integer> expected = new EnumMap<>(RejectReason.class);
        expected.put(RejectReason.NOT_JSON, add(json, bytes(okJson.substring(0, okJson.length() / 2)), bytes(" "),
                new byte[] {0, 1, 2, 3}, bytes("[" + okJson + "]"), bytes(okJson + okJson), bytes("{'a':1}")));
        // An unknown field is ignored whatever it holds: an event nested in one is no event of its own.
        expected.put(RejectReason.MISSING_FIELD, add(json, new byte[0], bytes("{}"), bytes("{\"event\":" + okJson + "}"),
                bytes(okJson.replace("\"user_id\":541312140", "\"user_id\":null")),
                bytes(okJson.replace("\"view\"", "\"\"")))
                + add(csv, bytes(ok.replace("shiseido,35.79", "shiseido,")), new byte[0]));
        expected.put(RejectReason.WRONG_TYPE, add(json, bytes(okJson.replace("\"price\":35.79", "\"price\":[35.79]")),
                bytes(okJson.replace("\"price\":35.79", "\"price\":\"35,79\"")),
                bytes(okJson.replace("\"price\":35.79", "\"price\":true")))
                + add(csv, bytes(ok.replace("44600062", "4460e062"))));
        expected.put(RejectReason.BAD_TIMESTAMP, add(json, bytes(okJson.replace("2019-10-01 00:00:00 UTC", "yesterday")))
                + add(csv, bytes(DatasetFields.CSV_HEADER)));
        expected.put(RejectReason.FUTURE_TIMESTAMP, add(json, bytes(okJson.replace("2019-10-01 00:00:00", "2031-10-01 00:00:00"))));
        expected.put(RejectReason.TOO_OLD, add(json, bytes(okJson.replace("2019-10-01 00:00:00", "1970-01-01 00:00:00"))));
        expected.put(RejectReason.NEGATIVE_PRICE, add(csv, bytes(ok.replace(",35.79,", ",-35.79,"))));
        expected.put(RejectReason.UNKNOWN_EVENT_TYPE, add(json, bytes(okJson.replace("\"view\"", "\"clicked\""))));
        expected.put(RejectReason.OVERSIZED, add(json, new byte[EventValidation.defaults().maxPayloadBytes() + 1],
                bytes(okJson.replace("shiseido", "x".repeat(20_000))))
                + add(csv, bytes(ok + "x".repeat(20_000))));
        expected.put(RejectReason.INVALID_UTF8, add(json, new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {'{', (byte) 0xFE, '}'},
                bytes(okJson.replace("shiseido", "shi\\ud800seido")), bytes(okJson.replace("shiseido", "shiseido\\udfff")))
                + add(csv, withByte(bytes(ok), 40, (byte) 0x80)));
        expected.put(RejectReason.NUL_CHARACTER, add(json, bytes(okJson.replace("shiseido", "shi\\u0000seido")))
                + add(csv, bytes(ok.replace("shiseido", "shi\0seido"))));
        expected.put(RejectReason.FIELD_TOO_LONG, add(json, bytes(okJson.replace("shiseido", "s".repeat(513))))
                + add(csv, bytes(ok.replace("shiseido", "\u00e9".repeat(257)))));
        expected.put(RejectReason.NOT_CSV, add(csv, bytes(ok.replace(",shiseido", ",\"shiseido")),
                bytes(ok.replace(",shiseido,", ",\"shi\"seido\",")), bytes(ok + "\n" + ok)));
        expected.put(RejectReason.WRONG_FIELD_COUNT, add(csv, bytes(ok + ","), bytes(ok.replace(",,", ",,,")), bytes("a,b")));

        Map<RejectReason, Integer> rejected = new EnumMap<>(RejectReason.class);
        int accepted = 0;
        for (byte[] payload : json) {
            accepted += count(PARSER.parseJson(payload, INGESTED), rejected);
        }
        for (byte[] payload : csv) {
            accepted += count(PARSER.parseCsvRow(payload, INGESTED), rejected);
        }

        assertThat(accepted).isEqualTo(30 + 30 + 1);
        assertThat(rejected).isEqualTo(expected);
        assertThat(accepted + rejected.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(json.size() + csv.size());
        assertThat(rejected.keySet()).as("every reason the parser can give")
                .containsExactlyInAnyOrderElementsOf(EnumSet.complementOf(EnumSet.of(RejectReason.LATE,
                        RejectReason.DUPLICATE_EVENT_ID, RejectReason.PARSER_FAILURE, RejectReason.SUM_OVERFLOW,
                        RejectReason.QUALITY_RULE)));
    }

    private static int add(List<byte[]> corpus, byte[]... payloads) {
        corpus.addAll(List.of(payloads));
        return payloads.length;
    }

    private static byte[] withByte(byte[] payload, int index, byte value) {
        payload[index] = value;
        return payload;
    }

    private static int count(ParseResult result, Map<RejectReason, Integer> rejected) {
        if (result instanceof ParseResult.Invalid invalid) {
            assertThat(invalid.message()).isNotBlank();
            rejected.merge(invalid.reason(), 1, Integer::sum);
            return 0;
        }
        return 1;
    }

    private static RejectReason reason(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Invalid.class);
        return ((ParseResult.Invalid) result).reason();
    }

    private static ClickEvent valid(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }

    private static String jsonText(String eventTime) {
        return "{\"event_time\":" + eventTime + ",\"event_type\":\"view\",\"product_id\":1,\"category_id\":2,"
                + "\"price\":1.5,\"user_id\":3,\"user_session\":\"s\"}";
    }

    private static byte[] json(String eventTime) {
        return bytes(jsonText(eventTime));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

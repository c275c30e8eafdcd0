package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ClickEventParserTest {

    @Test
    void parsesEveryRowOfTheRealSample() throws Exception {
        List<String> lines = SampleData.ecommerceLines();
        assertThat(lines.get(0)).isEqualTo(DatasetFields.CSV_HEADER);

        Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
        int withoutCategoryCode = 0;
        int withoutBrand = 0;
        BigDecimal revenue = BigDecimal.ZERO;
        for (String line : lines.subList(1, lines.size())) {
            ParseResult result = ClickEventParser.parseCsvRow(line);
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
        ClickEvent event = valid(ClickEventParser.parseCsvRow(SampleData.ecommerceLines().get(1)));

        assertThat(event).isEqualTo(new ClickEvent(Instant.parse("2019-10-01T00:00:00Z"), EventType.VIEW, 44600062L,
                2103807459595387724L, null, "shiseido", new BigDecimal("35.79"), 541312140L,
                "72d76fde-8bb3-4e00-8c23-a032dfed738c", null));
    }

    @Test
    void purchaseRowAndNovemberRowFieldByField() throws Exception {
        List<String> lines = SampleData.ecommerceLines();

        assertThat(valid(ClickEventParser.parseCsvRow(lines.get(152)))).isEqualTo(new ClickEvent(
                Instant.parse("2019-10-01T00:02:14Z"), EventType.PURCHASE, 1004856L, 2053013555631882655L,
                "electronics.smartphone", "samsung", new BigDecimal("130.76"), 543272936L,
                "8187d148-3c41-46d4-b0c0-9c08cd9dc564", null));
        assertThat(valid(ClickEventParser.parseCsvRow(lines.get(209)))).isEqualTo(new ClickEvent(
                Instant.parse("2019-11-01T03:29:46Z"), EventType.VIEW, 4700727L, 2053013560899928785L,
                "auto.accessories.videoregister", "navitel", new BigDecimal("51.46"), 543578026L,
                "9eb059dc-3fdc-467f-a723-af6330893212", null));
    }

    @Test
    void jsonWithDatasetNamesIsolatesNullsAndAcceptsNumbersOrStrings() {
        String json = "{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":\"cart\",\"product_id\":\"44600062\","
                + "\"category_id\":2103807459595387724,\"category_code\":null,\"brand\":\"\",\"price\":35.7,"
                + "\"user_id\":541312140,\"user_session\":\"s-1\",\"event_id\":\"e-9\"}";

        ClickEvent event = valid(ClickEventParser.parseJson(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(event).isEqualTo(new ClickEvent(Instant.parse("2019-10-01T00:00:00Z"), EventType.CART, 44600062L,
                2103807459595387724L, null, null, new BigDecimal("35.70"), 541312140L, "s-1", "e-9"));
    }

    @Test
    void acceptsIsoOffsetAndEpochMillisTimestamps() {
        assertThat(valid(ClickEventParser.parseJson(json("\"2019-10-01T09:00:00+09:00\""))).eventTime())
                .isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
        assertThat(valid(ClickEventParser.parseJson(json("1569888000000"))).eventTime())
                .isEqualTo(Instant.parse("2019-10-01T00:00:00Z"));
        assertThat(valid(ClickEventParser.parseJson(json("\"2019-10-01T00:00:00Z\""))).eventTime())
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
                Arguments.of("oversized", new byte[ClickEventParser.MAX_PAYLOAD_BYTES + 1], true, RejectReason.OVERSIZED),
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
                Arguments.of("csv invalid utf-8", new byte[] {'a', (byte) 0xFF}, false, RejectReason.INVALID_UTF8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedInputWithItsReason(String label, byte[] payload, boolean json, RejectReason expected) {
        ParseResult result = json ? ClickEventParser.parseJson(payload) : ClickEventParser.parseCsvRow(payload);

        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.reason()).isEqualTo(expected);
            assertThat(invalid.message()).isNotBlank();
        });
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

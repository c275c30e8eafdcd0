package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flinklakehouse.jobs.clickstream.config.EventFormat;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogEvents;
import io.github.flinklakehouse.jobs.clickstream.generator.AppLogJsonEncoder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * App-log JSON lines (string ids, other field names, page_view/add_to_cart, quantity and revenue) read through a
 * declared {@link EventFormat}: every line is the event it describes, nothing lost, or a typed dead letter.
 */
class DeclaredFormatTest {

    private static final Instant INGESTED = Instant.parse("2025-01-11T00:00:00Z");
    private static final Duration BOUND = Duration.ofMillis(100);
    private static final EventFormat ISSUE_FORMAT = new EventFormat(
            Map.of("user_session", "session_id", "region", "/geo/region"),
            Map.of("page_view", "view", "add_to_cart", "cart"),
            Map.of("category_id", "0"),
            Map.of("user_id", IdPattern.parse("u######"), "product_id", IdPattern.parse("p####")));
    private static final ClickEventParser PARSER =
            new ClickEventParser(EventValidation.defaults().withFormat(ISSUE_FORMAT));
    /** The line of the issue, verbatim but for the session id. */
    private static final String ISSUE_LINE = "{\"event_time\":\"2025-01-10T12:30:15Z\",\"event_type\":\"purchase\","
            + "\"user_id\":\"u000123\",\"session_id\":\"6f1c2a9e-8d4b-4c1e-9a7f-2b3c4d5e6f70\",\"product_id\":\"p0045\","
            + "\"device\":\"mobile\",\"country\":\"KR\",\"price\":29000,\"quantity\":1,\"revenue\":29000}";

    @Test
    void theIssuesLineIsTheEventItDescribes() {
        ParseResult result = PARSER.parseJson(ISSUE_LINE.getBytes(StandardCharsets.UTF_8), INGESTED);

        assertThat(result).isEqualTo(ParseResult.valid(new ClickEvent(Instant.parse("2025-01-10T12:30:15Z"),
                EventType.PURCHASE, 45L, 0L, null, null, new BigDecimal("29000.00"), 123L,
                "6f1c2a9e-8d4b-4c1e-9a7f-2b3c4d5e6f70", null, "mobile", "KR", null, null, 1,
                new BigDecimal("29000.00"))));
    }

    @Test
    void nestedFieldsMappedTypesAndDefaultsApply() {
        String line = ISSUE_LINE.replace("\"purchase\"", "\"add_to_cart\"")
                .replace("\"quantity\":1,", "\"geo\":{\"region\":\"seoul\",\"city\":{\"x\":[1,2]}},\"tags\":[{}],");
        ClickEvent event = valid(PARSER.parseJson(line.getBytes(StandardCharsets.UTF_8), INGESTED));

        assertThat(event.eventType()).isEqualTo(EventType.CART);
        assertThat(event.region()).isEqualTo("seoul");
        assertThat(event.categoryId()).isZero();
        assertThat(event.quantity()).isNull();
        assertThat(event.revenue()).isEqualByComparingTo("29000");
    }

    @Test
    void generatedAppLogLinesReadBackIntoTheSameEventsWithTheirTextIds() {
        IdPattern users = IdPattern.parse("u############");
        IdPattern products = IdPattern.parse("p#########");
        AppLogJsonEncoder encoder = new AppLogJsonEncoder(users, products);
        ClickEventParser parser = new ClickEventParser(EventValidation.defaults().withFormat(encoder.format()));
        List<ClickEvent> events = AppLogEvents.generate(500);

        for (ClickEvent event : events) {
            String line = encoder.encode(event);
            ClickEvent read = valid(parser.parseJson(line.getBytes(StandardCharsets.UTF_8), INGESTED));
            assertThat(read).as(line).isEqualTo(AppLogEvents.asRead(event));
            assertThat(line).contains("\"" + users.toText(event.userId()) + "\"")
                    .contains("\"" + products.toText(event.productId()) + "\"");
        }
        assertThat(events).extracting(ClickEvent::eventType).contains(EventType.VIEW, EventType.CART,
                EventType.PURCHASE, EventType.SEARCH, EventType.FAVORITE);
        assertThat(events).filteredOn(e -> e.quantity() != null && e.quantity() > 1).isNotEmpty();
        assertThat(AppLogEvents.generate(5_000)).extracting(ClickEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void derivedEventIdsMakeARepeatedLineTheSameEventId() {
        ClickEventParser deriving = new ClickEventParser(
                EventValidation.defaults().withFormat(ISSUE_FORMAT.withDerivedEventIds()));
        String id = valid(deriving.parseJson(ISSUE_LINE.getBytes(StandardCharsets.UTF_8), INGESTED)).eventId();
        // The same event, written with other spacing and member order, is the same content.
        String reordered = ISSUE_LINE.replace("{\"event_time\":\"2025-01-10T12:30:15Z\",", "{ ")
                .replace("}", ", \"event_time\" : \"2025-01-10T12:30:15Z\"}");

        assertThat(id).startsWith("sha256:").hasSize("sha256:".length() + 32);
        assertThat(valid(deriving.parseJson(reordered.getBytes(StandardCharsets.UTF_8), INGESTED)).eventId())
                .isEqualTo(id);
        assertThat(valid(deriving.parseJson(ISSUE_LINE.replace("\"quantity\":1", "\"quantity\":2")
                .getBytes(StandardCharsets.UTF_8), INGESTED)).eventId()).startsWith("sha256:").isNotEqualTo(id);
        assertThat(valid(deriving.parseJson(ISSUE_LINE.replace("}", ",\"event_id\":\"e-1\"}")
                .getBytes(StandardCharsets.UTF_8), INGESTED)).eventId()).isEqualTo("e-1");
        assertThat(valid(PARSER.parseJson(ISSUE_LINE.getBytes(StandardCharsets.UTF_8), INGESTED)).eventId()).isNull();
    }

    @Test
    void idPatternsAreOneToOne() {
        IdPattern pattern = IdPattern.parse("u######");
        assertThat(pattern.toId("u000123")).isEqualTo(123L);
        assertThat(pattern.toText(123L)).isEqualTo("u000123");
        assertThat(pattern.toId("u123")).isNull();
        assertThat(pattern.toId("u0001234")).isNull();
        assertThat(pattern.toId("U000123")).isNull();
        assertThat(pattern.toId("u00012a")).isNull();
        assertThat(pattern.toText(1_234_567L)).isNull();
        assertThat(IdPattern.parse("##################").toId("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("not JSON", "event_time=2025-01-10", RejectReason.NOT_JSON),
                Arguments.of("truncated", ISSUE_LINE.substring(0, 80), RejectReason.NOT_JSON),
                Arguments.of("field given twice", ISSUE_LINE.replace("\"price\":29000", "\"price\":29000,\"price\":1"),
                        RejectReason.NOT_JSON),
                Arguments.of("user id without its prefix", ISSUE_LINE.replace("u000123", "000123"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("user id of another width", ISSUE_LINE.replace("u000123", "u123"), RejectReason.WRONG_TYPE),
                Arguments.of("user id as a number", ISSUE_LINE.replace("\"u000123\"", "123"), RejectReason.WRONG_TYPE),
                Arguments.of("product id as an object", ISSUE_LINE.replace("\"p0045\"", "{\"id\":45}"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("price as text", ISSUE_LINE.replace("\"price\":29000", "\"price\":\"cheap\""),
                        RejectReason.WRONG_TYPE),
                Arguments.of("negative revenue", ISSUE_LINE.replace("\"revenue\":29000", "\"revenue\":-1"),
                        RejectReason.NEGATIVE_PRICE),
                Arguments.of("fractional quantity", ISSUE_LINE.replace("\"quantity\":1", "\"quantity\":1.5"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("negative quantity", ISSUE_LINE.replace("\"quantity\":1", "\"quantity\":-2"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("boolean quantity", ISSUE_LINE.replace("\"quantity\":1", "\"quantity\":true"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("huge exponent revenue", ISSUE_LINE.replace("\"revenue\":29000",
                        "\"revenue\":1e2147483647"), RejectReason.WRONG_TYPE),
                Arguments.of("10,000-digit quantity", ISSUE_LINE.replace("\"quantity\":1", "\"quantity\":"
                        + "9".repeat(10_000)), RejectReason.WRONG_TYPE),
                Arguments.of("19-digit revenue", ISSUE_LINE.replace("\"revenue\":29000",
                        "\"revenue\":1000000000000000000"), RejectReason.WRONG_TYPE),
                Arguments.of("quantity past the bound", ISSUE_LINE.replace("\"quantity\":1", "\"quantity\":1000001"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("price times quantity past a revenue's 18 digits, no revenue", ISSUE_LINE
                        .replace("\"price\":29000,\"quantity\":1,\"revenue\":29000",
                                "\"price\":999999999999,\"quantity\":1000000"), RejectReason.WRONG_TYPE),
                Arguments.of("region not an object's field", ISSUE_LINE.replace("\"device\"",
                        "\"geo\":{\"region\":[\"seoul\"]},\"device\""), RejectReason.WRONG_TYPE),
                Arguments.of("event type nobody mapped", ISSUE_LINE.replace("\"purchase\"", "\"checkout\""),
                        RejectReason.UNKNOWN_EVENT_TYPE),
                Arguments.of("no session", ISSUE_LINE.replace("\"session_id\"", "\"session\""),
                        RejectReason.MISSING_FIELD),
                Arguments.of("epoch seconds taken for millis", ISSUE_LINE.replace("\"2025-01-10T12:30:15Z\"",
                        "1736512215"), RejectReason.TOO_OLD),
                Arguments.of("NUL in the session", ISSUE_LINE.replace("6f1c2a9e", "6f1c\\u00002a9e"),
                        RejectReason.NUL_CHARACTER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void everyBadLineIsATypedDeadLetterInBoundedTime(String name, String line, RejectReason reason) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        PARSER.parseJson(bytes, INGESTED);
        ParseResult result = assertTimeoutPreemptively(BOUND, () -> PARSER.parseJson(bytes, INGESTED));
        assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
            assertThat(invalid.reason()).as(invalid.message()).isEqualTo(reason);
            assertThat(invalid.message()).isNotBlank().hasSizeLessThan(500);
        });
    }

    @Test
    void aWrongIdNamesTheFieldItsSourceAndThePattern() {
        ParseResult result = PARSER.parseJson(ISSUE_LINE.replace("u000123", "u123").getBytes(StandardCharsets.UTF_8),
                INGESTED);
        assertThat(result).isEqualTo(ParseResult.invalid(RejectReason.WRONG_TYPE,
                "Field user_id (from /user_id) 'u123' does not match the declared id pattern u######"));
    }

    @Test
    void theDatasetsJsonTakesQuantityAndRevenueToo() {
        String json = "{\"event_time\":\"2019-10-01 10:00:00 UTC\",\"event_type\":\"purchase\",\"product_id\":1,"
                + "\"category_id\":2,\"price\":1.50,\"user_id\":3,\"user_session\":\"s\",\"quantity\":2,\"revenue\":3}";
        ClickEvent event = valid(ClickEventParser.withDefaults().parseJson(json.getBytes(StandardCharsets.UTF_8),
                Instant.parse("2019-12-01T00:00:00Z")));
        assertThat(event.quantity()).isEqualTo(2);
        assertThat(event.revenue()).isEqualTo(new BigDecimal("3.00"));
    }

    private static ClickEvent valid(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid) result).event();
    }
}

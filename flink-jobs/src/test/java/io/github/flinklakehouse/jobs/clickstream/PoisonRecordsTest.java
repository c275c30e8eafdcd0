package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records built to break a parser (absurd numbers, impossible dates, NUL characters, huge or deeply nested values,
 * repeated fields): each one becomes a valid event or a typed dead letter, quickly, and never an exception that
 * would restart the job on the same Kafka offset for ever.
 */
class PoisonRecordsTest {

    private static final ClickEventParser PARSER = ClickEventParser.withDefaults();
    private static final Instant INGESTED = Instant.parse("2019-12-01T00:00:00Z");
    /** Bounded time per record; the old parser needed seconds or ran out of memory on some of these. */
    private static final Duration BOUND = Duration.ofMillis(100);
    private static final String TIME = "\"2019-10-01 10:00:00 UTC\"";
    private static final String CSV_OK = "2019-10-01 10:00:00 UTC,view,1,2,,brand,1.50,3,session";

    /** A JSON event with every required field; {@code extra} is added as the last member(s). */
    private static String json(String eventTime, String price, String extra) {
        return "{\"event_time\":" + eventTime + ",\"event_type\":\"view\",\"product_id\":1,\"category_id\":2,"
                + "\"price\":" + price + ",\"user_id\":3,\"user_session\":\"session\"" + extra + "}";
    }

    static Stream<Arguments> jsonPayloads() {
        return Stream.of(
                // Numbers: never expanded, wherever they are.
                Arguments.of("huge exponent in an unknown field", json(TIME, "1.5", ",\"x\":1e2147483647"), null),
                Arguments.of("huge exponent price", json(TIME, "1e2147483647", ""), RejectReason.WRONG_TYPE),
                Arguments.of("out-of-memory exponent price", json(TIME, "1e999999999", ""), RejectReason.WRONG_TYPE),
                Arguments.of("huge exponent price as text", json(TIME, "\"1e1000000\"", ""), RejectReason.WRONG_TYPE),
                Arguments.of("negative huge exponent price", json(TIME, "1e-2147483648", ""), RejectReason.WRONG_TYPE),
                Arguments.of("10,000-digit price", json(TIME, "9".repeat(10_000), ""), RejectReason.WRONG_TYPE),
                Arguments.of("huge exponent id", json(TIME, "1.5", "").replace("\"product_id\":1",
                        "\"product_id\":1e2147483647"), RejectReason.WRONG_TYPE),
                Arguments.of("id past 64 bits", json(TIME, "1.5", "").replace("\"user_id\":3",
                        "\"user_id\":9223372036854775808"), RejectReason.WRONG_TYPE),
                Arguments.of("NaN price", json(TIME, "\"NaN\"", ""), RejectReason.WRONG_TYPE),
                Arguments.of("Infinity literal", json(TIME, "Infinity", ""), RejectReason.NOT_JSON),
                // Times: strict in every form, extremes typed.
                Arguments.of("February 30th", json("\"2019-02-30 00:00:00 UTC\"", "1.5", ""),
                        RejectReason.BAD_TIMESTAMP),
                Arguments.of("February 30th ISO", json("\"2019-02-30T00:00:00Z\"", "1.5", ""),
                        RejectReason.BAD_TIMESTAMP),
                Arguments.of("hour 24", json("\"2019-10-01 24:00:00 UTC\"", "1.5", ""), RejectReason.BAD_TIMESTAMP),
                Arguments.of("hour 24 ISO", json("\"2019-10-01T24:00:00+02:00\"", "1.5", ""),
                        RejectReason.BAD_TIMESTAMP),
                Arguments.of("second 60", json("\"2019-10-01 10:00:60 UTC\"", "1.5", ""), RejectReason.BAD_TIMESTAMP),
                Arguments.of("epoch millis past 64 bits", json("99999999999999999999", "1.5", ""),
                        RejectReason.BAD_TIMESTAMP),
                Arguments.of("largest epoch millis", json("9223372036854775807", "1.5", ""),
                        RejectReason.FUTURE_TIMESTAMP),
                Arguments.of("smallest epoch millis", json("-9223372036854775808", "1.5", ""), RejectReason.TOO_OLD),
                // Unknown fields are ignored, whatever they hold.
                Arguments.of("object in an unknown field", json(TIME, "1.5", ",\"context\":{\"app\":\"x\"}"), null),
                Arguments.of("nested arrays in an unknown field", json(TIME, "1.5", ",\"tags\":[1,[2,{\"a\":[]}]]"),
                        null),
                Arguments.of("NUL in an unknown field", json(TIME, "1.5", ",\"note\":\"a\\u0000b\""), null),
                Arguments.of("nesting deeper than 1,000", json(TIME, "1.5", ",\"x\":" + "[".repeat(2_000)
                        + "]".repeat(2_000)), RejectReason.NOT_JSON),
                // Text PostgreSQL could not store, or a mart key could not index.
                Arguments.of("NUL in user_session", json(TIME, "1.5", "").replace("\"session\"", "\"ses\\u0000sion\""),
                        RejectReason.NUL_CHARACTER),
                Arguments.of("NUL in brand", json(TIME, "1.5", ",\"brand\":\"\\u0000\""), RejectReason.NUL_CHARACTER),
                Arguments.of("3,000-byte category_code", json(TIME, "1.5", ",\"category_code\":\"" + "c".repeat(3_000)
                        + "\""), RejectReason.FIELD_TOO_LONG),
                Arguments.of("3,000-byte user_session", json(TIME, "1.5", "").replace("\"session\"",
                        "\"" + "s".repeat(3_000) + "\""), RejectReason.FIELD_TOO_LONG),
                Arguments.of("512-byte brand", json(TIME, "1.5", ",\"brand\":\"" + "b".repeat(512) + "\""), null),
                // Repeated, truncated, wrongly typed, oversized.
                Arguments.of("price given twice", json(TIME, "1.5", ",\"price\":2.5"), RejectReason.NOT_JSON),
                Arguments.of("truncated", json(TIME, "1.5", "").substring(0, 60), RejectReason.NOT_JSON),
                Arguments.of("user_id as letters", json(TIME, "1.5", "").replace("\"user_id\":3",
                        "\"user_id\":\"abc\""), RejectReason.WRONG_TYPE),
                Arguments.of("user_session as object", json(TIME, "1.5", "").replace("\"session\"", "{}"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("oversized unknown field", json(TIME, "1.5", ",\"x\":\"" + "x".repeat(
                        EventValidation.defaults().maxPayloadBytes()) + "\""), RejectReason.OVERSIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonPayloads")
    void everyJsonPayloadIsAnEventOrATypedDeadLetterInBoundedTime(String name, String payload, RejectReason reason) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        PARSER.parseJson(bytes, INGESTED); // warm-up: class loading and JIT are not the record's cost
        ParseResult result = assertTimeoutPreemptively(BOUND, () -> PARSER.parseJson(bytes, INGESTED));
        assertVerdict(result, reason);
    }

    static Stream<Arguments> csvRows() {
        return Stream.of(
                Arguments.of("plain row", CSV_OK, null),
                Arguments.of("huge exponent price", CSV_OK.replace("1.50", "1e2147483647"), RejectReason.WRONG_TYPE),
                Arguments.of("out-of-memory exponent price", CSV_OK.replace("1.50", "1E999999999"),
                        RejectReason.WRONG_TYPE),
                Arguments.of("10,000-digit price", CSV_OK.replace("1.50", "9".repeat(10_000)), RejectReason.WRONG_TYPE),
                Arguments.of("February 30th", CSV_OK.replace("10-01", "02-30"), RejectReason.BAD_TIMESTAMP),
                Arguments.of("hour 24", CSV_OK.replace("10:00:00", "24:00:00"), RejectReason.BAD_TIMESTAMP),
                Arguments.of("NUL in user_session", CSV_OK.replace("session", "ses\0sion"), RejectReason.NUL_CHARACTER),
                Arguments.of("NUL in a quoted brand", CSV_OK.replace(",brand,", ",\"br\0and\","),
                        RejectReason.NUL_CHARACTER),
                Arguments.of("3,000-byte brand", CSV_OK.replace("brand", "b".repeat(3_000)),
                        RejectReason.FIELD_TOO_LONG),
                Arguments.of("truncated", CSV_OK.substring(0, 30), RejectReason.WRONG_FIELD_COUNT),
                Arguments.of("unclosed quote", CSV_OK.replace(",brand", ",\"brand"), RejectReason.NOT_CSV));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("csvRows")
    void everyCsvRowIsAnEventOrATypedDeadLetterInBoundedTime(String name, String row, RejectReason reason) {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        PARSER.parseCsvRow(bytes, INGESTED);
        assertVerdict(assertTimeoutPreemptively(BOUND, () -> PARSER.parseCsvRow(bytes, INGESTED)), reason);
        assertVerdict(assertTimeoutPreemptively(BOUND, () -> PARSER.parseCsvRow(row, INGESTED)), reason);
    }

    private static void assertVerdict(ParseResult result, RejectReason reason) {
        if (reason == null) {
            assertThat(result).isInstanceOf(ParseResult.Valid.class);
        } else {
            assertThat(result).isInstanceOfSatisfying(ParseResult.Invalid.class, invalid -> {
                assertThat(invalid.reason()).isEqualTo(reason);
                assertThat(invalid.message()).isNotBlank().hasSizeLessThan(500);
            });
        }
    }
}

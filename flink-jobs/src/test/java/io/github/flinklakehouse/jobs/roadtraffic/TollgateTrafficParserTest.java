package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * KEC {@code trafficIc} records built in the documented shape, quirks included, and records built to break a parser:
 * each a row or a typed dead letter with its position, never an exception.
 */
class TollgateTrafficParserTest {

    private static final long WINDOW_START = Instant.parse("2026-09-19T04:00:00Z").toEpochMilli();

    @Test
    void aRecordWithTheKnownQuirksBecomesATrimmedRowInUtc() {
        TollgateTraffic row = valid(record(r -> r.put("unitCode", "101 ").put("trafficAmout", "1,234")));

        assertThat(row.unitCode()).isEqualTo("101");
        assertThat(row.unitName()).isEqualTo("서울");
        assertThat(row.trafficAmount()).isEqualTo(1234L);
        // 20260919 13:15 KST is 04:15 UTC.
        assertThat(row.slotStart()).isEqualTo(Instant.parse("2026-09-19T04:15:00Z").toEpochMilli());
        assertThat(row.slotMillis()).isEqualTo(900_000L);
        assertThat(row.sourcePosition()).isEqualTo("kec-traffic-ic@" + WINDOW_START + "/page 2/item 7");
        assertThat(row.ingestedAt()).isEqualTo(WINDOW_START + 900_000L);
        assertThat(row).extracting(TollgateTraffic::inoutType, TollgateTraffic::tcsType, TollgateTraffic::carType)
                .containsExactly("0", "1", "3");
    }

    @Test
    void anEmptyAmountIsARowWithoutCount() {
        assertThat(valid(record(r -> r.put("trafficAmout", ""))).trafficAmount()).isNull();
        assertThat(valid(record(r -> r.put("trafficAmout", "  "))).trafficAmount()).isNull();
        assertThat(valid(record(r -> r.remove("trafficAmout"))).trafficAmount()).isNull();
        assertThat(valid(record(r -> r.put("trafficAmout", 87))).trafficAmount()).isEqualTo(87L);
        assertThat(valid(record(r -> r.put("trafficAmout", "0"))).trafficAmount()).isZero();
        assertThat(valid(record(r -> r.put("trafficAmout", "999,999,999,999,999,999"))).trafficAmount())
                .isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1,23|BAD_AMOUNT", "12.5|BAD_AMOUNT", "abc|BAD_AMOUNT", "1 234|BAD_AMOUNT", "-5|NEGATIVE_AMOUNT",
        "99999999999999999999|BAD_AMOUNT", "1,234,567,890,123,456,789|BAD_AMOUNT", "1e3|BAD_AMOUNT"})
    void aMalformedAmountIsATypedDeadLetter(String amount, String reason) {
        assertRejected(record(r -> r.put("trafficAmout", amount)), reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "sumDate|20260230|BAD_TIMESTAMP", "sumDate|2026-09-19|BAD_TIMESTAMP", "sumTm|2400|BAD_TIMESTAMP",
        "sumTm|1360|BAD_TIMESTAMP", "sumTm|13|BAD_TIMESTAMP", "sumDate||MISSING_FIELD", "unitCode| |MISSING_FIELD",
        "carType||MISSING_FIELD", "carType|7|UNKNOWN_CODE", "carType|0|UNKNOWN_CODE", "inoutType|2|UNKNOWN_CODE",
        "tcsType|3|UNKNOWN_CODE", "tmType|3|UNKNOWN_CODE"})
    void badOrMissingFieldsAreTypedDeadLetters(String field, String value, String reason) {
        assertRejected(record(r -> r.put(field, value == null ? "" : value)), reason);
    }

    @Test
    void wronglyTypedTruncatedDuplicatedAndHostileRecordsAreTypedDeadLetters() {
        assertRejected(record(r -> r.putObject("unitCode").put("a", 1)), "WRONG_TYPE");
        assertRejected(record(r -> r.put("inoutType", true)), "WRONG_TYPE");
        assertRejected(record(r -> r.putArray("carType")), "WRONG_TYPE");
        assertRejected(record(r -> r.remove("sumTm")), "MISSING_FIELD");
        assertRejected(record(r -> r.putNull("unitCode")), "MISSING_FIELD");
        assertRejected(record(r -> r.put("unitName", "a\u0000b")), "NUL_CHARACTER");
        assertRejected(record(r -> r.put("unitName", "가".repeat(200))), "FIELD_TOO_LONG");
        String json = record(r -> { }).json();
        assertRejected(withJson(json.substring(0, json.length() / 2)), "NOT_JSON");
        assertRejected(withJson(""), "NOT_JSON");
        assertRejected(withJson("[1,2]"), "NOT_JSON");
        assertRejected(withJson(json.replace("{\"exDivCode\"", "{\"unitCode\":\"999\",\"exDivCode\"")), "NOT_JSON");
        // Jackson refuses numbers of more than 1,000 digits before they are built.
        assertRejected(withJson("{\"unitCode\":" + "9".repeat(10_000) + "}"), "NOT_JSON");
    }

    @Test
    void unknownFieldsAreIgnoredAndNumericCodesAreRead() {
        TollgateTraffic row = valid(record(r -> {
            r.putObject("extra").putArray("deep").add(1);
            r.put("carType", 6);
        }));
        assertThat(row.carType()).isEqualTo("6");
    }

    private static TollgateTraffic valid(HttpRecord record) {
        Parsed<TollgateTraffic> parsed = TollgateTrafficParser.parse(record);
        assertThat(parsed.deadLetter()).isNull();
        return parsed.value();
    }

    private static void assertRejected(HttpRecord record, String reason) {
        Parsed<TollgateTraffic> parsed = TollgateTrafficParser.parse(record);
        assertThat(parsed.value()).isNull();
        DeadLetter letter = parsed.deadLetter();
        assertThat(letter.reason()).as(letter.message()).isEqualTo(reason);
        assertThat(letter.source()).isEqualTo("http");
        assertThat(letter.sourcePosition()).isEqualTo("kec-traffic-ic@" + WINDOW_START + "/page 2/item 7");
        assertThat(letter.payload()).isEqualTo(record.json().getBytes(StandardCharsets.UTF_8));
        assertThat(letter.seenAt()).isEqualTo(Instant.ofEpochMilli(WINDOW_START + 900_000L));
    }

    /** A 15-minute {@code trafficIc} record in the documented field order, changed by {@code change}. */
    static HttpRecord record(Consumer<ObjectNode> change) {
        ObjectNode r = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        r.put("exDivCode", "00");
        r.put("exDivName", "도공");
        r.put("unitCode", "101");
        r.put("unitName", "서울");
        r.put("inoutType", "0");
        r.put("inoutName", "입구");
        r.put("tmType", "2");
        r.put("tmName", "15분");
        r.put("tcsType", "1");
        r.put("tcsName", "TCS");
        r.put("carType", "3");
        r.put("trafficAmout", "42");
        r.put("sumDate", "20260919");
        r.put("sumTm", "1315");
        change.accept(r);
        return withJson(r.toString());
    }

    private static HttpRecord withJson(String json) {
        return new HttpRecord("kec-traffic-ic", WINDOW_START, WINDOW_START + 900_000L, 2, 7, json);
    }
}

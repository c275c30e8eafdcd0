package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.connectors.http.HttpRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** KMA items built to break the weather parser: each a row or a typed dead letter. */
class WeatherForecastParserTest {

    private static final String GOOD = "{\"baseDate\":\"20230630\",\"baseTime\":\"0630\",\"category\":\"RN1\","
            + "\"fcstDate\":\"20230630\",\"fcstTime\":\"0700\",\"fcstValue\":\"1.0mm 미만\",\"nx\":61,\"ny\":126}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"nx\":61|\"nx\":0|OUT_OF_RANGE", "\"nx\":61|\"nx\":150|OUT_OF_RANGE", "\"ny\":126|\"ny\":254|OUT_OF_RANGE",
        "\"nx\":61|\"nx\":\"61\"|VALID", "\"nx\":61|\"nx\":61.5|WRONG_TYPE", "\"nx\":61|\"nx\":1e10|WRONG_TYPE",
        "\"nx\":61|\"nx\":99999999999999999999|WRONG_TYPE", "\"nx\":61|\"nx\":{}|WRONG_TYPE",
        "\"category\":\"RN1\"|\"category\":\"rn1\"|WRONG_TYPE", "\"category\":\"RN1\"|\"category\":\"\"|MISSING_FIELD",
        "\"fcstValue\":\"1.0mm 미만\"|\"fcstValue\":null|MISSING_FIELD",
        "\"fcstTime\":\"0700\"|\"fcstTime\":\"0760\"|BAD_TIMESTAMP",
        "\"baseDate\":\"20230630\"|\"baseDate\":\"20230631\"|BAD_TIMESTAMP",
        "\"ny\":126}|\"ny\":126,\"ny\":127}|NOT_JSON", "\"ny\":126}|\"ny\":126|NOT_JSON"})
    void eachItemIsARowOrATypedDeadLetter(String from, String to, String expected) {
        Parsed<WeatherForecast> parsed = WeatherForecastParser.parse(
                new HttpRecord("kma-fcst", 0L, 3_600_000L, 1, 0, GOOD.replace(from, to)));
        if (expected.equals("VALID")) {
            assertThat(parsed.value().nx()).isEqualTo(61);
            assertThat(parsed.value().valueNumeric()).isEqualTo(0.5);
        } else {
            assertThat(parsed.deadLetter().reason()).as(String.valueOf(parsed.deadLetter())).isEqualTo(expected);
        }
    }
}

package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import io.github.flinklakehouse.connectors.http.response.KecRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KecResponseChecker;
import io.github.flinklakehouse.connectors.http.response.KmaRecordExtractor;
import io.github.flinklakehouse.connectors.http.response.KmaResponseChecker;
import io.github.flinklakehouse.connectors.http.response.PageContent;
import io.github.flinklakehouse.connectors.http.response.RecordExtractor;
import io.github.flinklakehouse.connectors.http.response.ResponseChecker;
import io.github.flinklakehouse.connectors.http.response.ResponseVerdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every real response in {@code shared/data/kma} and {@code shared/data/kec} through the same steps the job runs:
 * the connector's response checker and record extractor, then the road-traffic parsers. Each file ends as rows, an
 * empty window or a typed dead letter, never an exception; a file added to those folders is read here too.
 */
class RealResponsesParsingTest {

    private static final Path DATA = Path.of(System.getProperty("shared.data.dir", "../../shared/data"));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long WINDOW_START = Instant.parse("2026-09-19T00:00:00Z").toEpochMilli();

    @Test
    void everyKmaResponseIsRowsNoDataOrATypedFailure() throws IOException {
        Map<String, String> outcomes = new TreeMap<>();
        List<WeatherForecast> rows = new ArrayList<>();
        for (Path file : files("kma")) {
            Outcome outcome = poll("kma-fcst", Files.readString(file, StandardCharsets.UTF_8),
                    new KmaResponseChecker(), new KmaRecordExtractor());
            List<Parsed<WeatherForecast>> parsed = outcome.records().stream().map(WeatherForecastParser::parse)
                    .toList();
            assertThat(parsed).allSatisfy(p -> assertThat(p.isValid()).as("%s: %s", file, p.deadLetter()).isTrue());
            parsed.forEach(p -> rows.add(p.value()));
            outcomes.put(file.getFileName().toString(), outcome.describe());
        }
        assertThat(outcomes).containsEntry("data_go_kr_gateway_error_invalid_key.xml", "failure GATEWAY_ERROR")
                .containsEntry("error_NO_DATA.json", "no data")
                .containsEntry("getUltraSrtFcst_20230630_0630_nx61_ny126_page1.json", "30 items of 2 pages")
                .containsEntry("getUltraSrtFcst_20260820_1530_nx58_ny126_TRIMMED.json", "7 items of 2 pages")
                .containsEntry("getUltraSrtNcst_20200905_0800_nx59_ny123.json", "8 items of 1 pages")
                .containsEntry("getUltraSrtNcst_20220616_0000_nx62_ny120.json", "8 items of 1 pages")
                .containsEntry("getUltraSrtNcst_20260122_1100_nx60_ny127.json", "8 items of 1 pages")
                .containsEntry("getVilageFcst_20210920_0500_nx55_ny127_page1_numOfRows11.json", "11 items of 68 pages")
                .containsEntry("getVilageFcst_20220212_0500_nx55_ny127_page1_numOfRows5.json", "5 items of 162 pages");
        assertThat(rows).hasSize(30 + 7 + 8 * 3 + 11 + 5);
    }

    @Test
    void kmaForecastTimesAreKstConvertedToUtcAndTextValuesFollowTheRules() throws IOException {
        List<WeatherForecast> fcst = rows("kma/getUltraSrtFcst_20230630_0630_nx61_ny126_page1.json");
        WeatherForecast rain = fcst.stream().filter(r -> r.category().equals("RN1")).findFirst().orElseThrow();
        assertThat(rain.baseTime()).isEqualTo(Instant.parse("2023-06-29T21:30:00Z").toEpochMilli());
        assertThat(rain.forecastTime()).isEqualTo(Instant.parse("2023-06-29T22:00:00Z").toEpochMilli());
        assertThat(rain.nx()).isEqualTo(61);
        assertThat(rain.ny()).isEqualTo(126);
        assertThat(rain.valueText()).isEqualTo("강수없음");
        assertThat(rain.valueNumeric()).isEqualTo(0.0);
        assertThat(fcst).filteredOn(r -> r.category().equals("T1H")).extracting(WeatherForecast::valueNumeric)
                .containsExactly(24.0, 25.0, 25.0, 25.0, 26.0, 27.0);
        assertThat(rain.sourcePosition()).isEqualTo("kma-fcst@" + WINDOW_START + "/page 1/item 12");

        // Observations have no forecast time: their base time is the time they describe.
        WeatherForecast cold = rows("kma/getUltraSrtNcst_20260122_1100_nx60_ny127.json").stream()
                .filter(r -> r.category().equals("T1H")).findFirst().orElseThrow();
        assertThat(cold.forecastTime()).isEqualTo(cold.baseTime())
                .isEqualTo(Instant.parse("2026-01-22T02:00:00Z").toEpochMilli());
        assertThat(cold.valueNumeric()).isEqualTo(-8.1);

        List<WeatherForecast> village = rows("kma/getVilageFcst_20210920_0500_nx55_ny127_page1_numOfRows11.json");
        assertThat(village).filteredOn(r -> List.of("PCP", "SNO").contains(r.category()))
                .extracting(WeatherForecast::valueText, WeatherForecast::valueNumeric)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("강수없음", 0.0),
                        org.assertj.core.groups.Tuple.tuple("적설없음", 0.0));
    }

    @Test
    void theKecResponseUnderListIsExtractedAndItsRecordsOfAnotherEndpointAreTypedDeadLetters() throws IOException {
        Path file = DATA.resolve("kec/realFlow_live_sample_20260919_trimmed.json");
        Outcome outcome = poll("kec-traffic-ic", Files.readString(file, StandardCharsets.UTF_8),
                new KecResponseChecker(), new KecRecordExtractor("trafficIc"));
        assertThat(outcome.describe()).isEqualTo("2 items of -1 pages");

        List<DeadLetter> deadLetters = outcome.records().stream().map(TollgateTrafficParser::parse)
                .map(Parsed::deadLetter).toList();
        // realFlow is section traffic (conzone, speed), not toll-gate traffic: no unitCode, so no row is guessed.
        assertThat(deadLetters).hasSize(2).allSatisfy(letter -> {
            assertThat(letter.reason()).isEqualTo("MISSING_FIELD");
            assertThat(letter.message()).contains("unitCode");
            assertThat(letter.source()).isEqualTo("http");
        });
        assertThat(deadLetters.get(1).sourcePosition()).isEqualTo("kec-traffic-ic@" + WINDOW_START + "/page 1/item 1");
        assertThat(new String(deadLetters.get(0).payload(), StandardCharsets.UTF_8)).contains("0010VDE00100");
    }

    @Test
    void everyKecResponseFileIsHandled() throws IOException {
        for (Path file : files("kec")) {
            Outcome outcome = poll("kec-traffic-ic", Files.readString(file, StandardCharsets.UTF_8),
                    new KecResponseChecker(), new KecRecordExtractor("trafficIc"));
            outcome.records().forEach(record -> assertThat(TollgateTrafficParser.parse(record)).isNotNull());
            assertThat(outcome.describe()).as(file.toString()).isNotBlank();
        }
    }

    private static List<WeatherForecast> rows(String relative) throws IOException {
        Outcome outcome = poll("kma-fcst", Files.readString(DATA.resolve(relative), StandardCharsets.UTF_8),
                new KmaResponseChecker(), new KmaRecordExtractor());
        return outcome.records().stream().map(WeatherForecastParser::parse).map(Parsed::value).toList();
    }

    private static List<Path> files(String folder) throws IOException {
        try (Stream<Path> files = Files.list(DATA.resolve(folder))) {
            List<Path> list = files.sorted().toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }

    /** What the HTTP source does with one body: the checker's verdict, then the extractor's items as records. */
    private static Outcome poll(String endpoint, String body, ResponseChecker checker, RecordExtractor extractor) {
        JsonNode json = null;
        String trimmed = body.strip();
        if (trimmed.startsWith("{")) {
            try {
                json = MAPPER.readTree(trimmed);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        ResponseVerdict verdict = checker.check(body, json);
        if (verdict.kind() != ResponseVerdict.Kind.DATA) {
            return new Outcome(verdict, -1, List.of());
        }
        PageContent content = extractor.extract(json);
        List<HttpRecord> records = new ArrayList<>();
        for (int i = 0; i < content.items().size(); i++) {
            records.add(new HttpRecord(endpoint, WINDOW_START, WINDOW_START + 3_600_000L, 1, i,
                    content.items().get(i).toString()));
        }
        return new Outcome(verdict, content.totalPages(), records);
    }

    private record Outcome(ResponseVerdict verdict, int totalPages, List<HttpRecord> records) {
        String describe() {
            return switch (verdict.kind()) {
                case NO_DATA -> "no data";
                case FAILURE -> "failure " + verdict.reason();
                case DATA -> records.size() + " items of " + totalPages + " pages";
            };
        }
    }
}

package io.github.flinklakehouse.jobs.clickstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventParser;
import io.github.flinklakehouse.jobs.clickstream.DatasetFields;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.ParseResult;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvEventWriterTest {

    private static final ClickEventParser PARSER = ClickEventParser.withDefaults();
    /** After every event these tests write, so none lies in the future. */
    private static final Instant INGESTED = Instant.parse("2020-01-01T00:00:00Z");


    @TempDir
    Path dir;

    private static Path sample() {
        return Path.of(System.getProperty("shared.data.dir", "../../shared/data"), "ecommerce", "2019-oct-nov-sample.csv");
    }

    @Test
    void rewritingTheRealSampleReproducesItByteForByte() throws Exception {
        List<String> lines = Files.readAllLines(sample(), StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvEventWriter writer = new CsvEventWriter(out)) {
            for (String line : lines.subList(1, lines.size())) {
                writer.write(((ParseResult.Valid) PARSER.parseCsvRow(line, INGESTED)).event());
            }
        }

        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(sample()));
    }

    @Test
    void headerLineMatchesTheRealSample() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvEventWriter(out).close();

        String realHeader = Files.readAllLines(sample(), StandardCharsets.UTF_8).get(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(realHeader + "\n");
        assertThat(realHeader).isEqualTo(DatasetFields.CSV_HEADER);
    }

    @Test
    void generatedGzipFileParsesBackToTheSameEvents() throws Exception {
        GeneratorConfig config = GeneratorConfig.of(11, Instant.parse("2019-11-01T00:00:00Z"), 5_000);
        Path file = dir.resolve("events.csv.gz");

        assertThat(CsvEventWriter.writeAll(file, true, new ClickEventGenerator(config))).isEqualTo(5_000);

        List<ClickEvent> readBack = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            assertThat(lines[0]).isEqualTo(DatasetFields.CSV_HEADER);
            assertThat(lines[1]).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC,.*");
            for (int i = 1; i < lines.length; i++) {
                readBack.add(((ParseResult.Valid) PARSER.parseCsvRow(lines[i], INGESTED)).event());
            }
        }
        assertThat(readBack).isEqualTo(ClickEventGenerator.stream(config).toList());
    }

    @Test
    void quotesOnlyValuesThatNeedIt() throws Exception {
        ClickEvent awkward = new ClickEvent(Instant.parse("2019-10-01T00:00:00Z"), EventType.VIEW, 1, 2053013552326770905L,
                "a,b", "say \"hi\"", new BigDecimal("0.00"), 5, "s", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvEventWriter writer = new CsvEventWriter(out)) {
            writer.write(awkward);
        }
        String row = out.toString(StandardCharsets.UTF_8).split("\n")[1];

        assertThat(row).isEqualTo("2019-10-01 00:00:00 UTC,view,1,2053013552326770905,\"a,b\",\"say \"\"hi\"\"\",0.00,5,s");
        assertThat(((ParseResult.Valid) PARSER.parseCsvRow(row, INGESTED)).event()).isEqualTo(awkward);
    }

    @Test
    void jsonEncodingParsesBackToTheSameEvent() {
        for (ClickEvent event : ClickEventGenerator.stream(GeneratorConfig.of(5, Instant.parse("2019-10-01T00:00:00Z"), 500)).toList()) {
            assertThat(((ParseResult.Valid) PARSER.parseJson(JsonEventEncoder.encode(event), INGESTED)).event()).isEqualTo(event);
        }
        ClickEvent first = ClickEventGenerator.stream(GeneratorConfig.of(5, Instant.parse("2019-10-01T00:00:00Z"), 1)).findFirst().orElseThrow();
        assertThat(JsonEventEncoder.encodeToString(first)).startsWith("{\"event_time\":\"2019-10-01 00:00:00 UTC\",\"event_type\":");
    }
}

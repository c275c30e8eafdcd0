package io.github.flinklakehouse.jobs.backfill.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.files.FileLine;
import io.github.flinklakehouse.connectors.files.FileSelection;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickEventParser;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ParseResult;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.testing.CollectingSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Loads dataset CSV files through the file source and the parse step on a MiniCluster (parallelism 2). */
class CsvFileInputTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Modification time of every test file: after the whole sample (Oct-Nov 2019), so no event is in the future. */
    private static final Instant WRITTEN = Instant.parse("2019-12-01T00:00:00Z");
    private static final ClickEventParser PARSER = ClickEventParser.withDefaults();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = RuntimeExecutionMode.class, names = {"BATCH", "STREAMING"})
    void loadsEveryRowOfThePlainAndTheGzippedSampleExactlyOnce(RuntimeExecutionMode mode) throws Exception {
        byte[] sample = Files.readAllBytes(sample());
        List<String> sampleLines = Files.readAllLines(sample(), StandardCharsets.UTF_8);
        Path plain = written(Files.write(dir.resolve("2019-oct-nov.csv"), sample));
        Path gzipped = written(Files.write(dir.resolve("2019-oct-nov.csv.gz"), gzip(sample)));

        FileSelection selection = FileSelection.resolve(dir.toString());
        assertThat(selection.files()).containsExactly("file:" + plain, "file:" + gzipped);
        Run run = run(selection.files(), mode);

        assertThat(run.deadLetters).isEmpty();
        // Expected: each data line of each file at its own position, parsed on its own (no Flink involved).
        Map<String, ClickEvent> expected = new HashMap<>();
        for (String file : selection.files()) {
            for (int line = 2; line <= sampleLines.size(); line++) {
                ParseResult parsed = PARSER.parseCsvRow(sampleLines.get(line - 1), WRITTEN);
                expected.put(file + ":" + line, ((ParseResult.Valid) parsed).event());
            }
        }
        assertThat(expected).hasSize(2 * 209);
        Map<String, ClickEvent> actual = new HashMap<>();
        for (IngestedClickEvent event : run.events) {
            assertThat(actual.put(event.sourcePosition(), event.event())).as("once: " + event.sourcePosition()).isNull();
            assertThat(event.source()).isEqualTo(FileLine.SOURCE_FILE);
            assertThat(event.ingestedAt()).isEqualTo(WRITTEN);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(run.rowsRead()).isEqualTo(2 * 209L);
        assertThat(run.bytesRead()).isEqualTo(selection.totalBytes()).isEqualTo(Files.size(plain) + Files.size(gzipped));
    }

    @Test
    void turnsBadRowsIntoDeadLettersWithTheirFileAndLine() throws Exception {
        String good = Files.readAllLines(sample(), StandardCharsets.UTF_8).get(1);
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        List<byte[]> lines = List.of(
                utf8("event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session"),
                utf8(good),                                                                   // 2 ok
                utf8("2019-10-01 00:00:00 UTC,view,44600062,2103807459595387724"),            // 3 four columns
                utf8(good.replace(",35.79,", ",35,79,")),                                     // 4 extra comma
                utf8(good.replace(",35.79,", ",abc,")),                                       // 5 bad price
                utf8(good.replace(",shiseido,", ",\"shiseido,")),                             // 6 unclosed quote
                concat(utf8(good.replace("shiseido", "shi")), new byte[] {(byte) 0xC3, (byte) 0x28}), // 7 bad UTF-8
                new byte[0],                                                                  // 8 empty line
                utf8(good.replace(",shiseido,", ",\"shiseido, \"\"tokyo\"\"\",")),            // 9 ok, quoted
                utf8(good));                                                                  // 10 ok, no newline
        for (int i = 0; i < lines.size(); i++) {
            content.write(lines.get(i));
            if (i < lines.size() - 1) {
                content.write(utf8("\r\n"));
            }
        }
        Path file = written(Files.write(dir.resolve("bad-rows.csv"), content.toByteArray()));
        String path = "file:" + file;

        Run run = run(FileSelection.resolve(file.toString()).files());

        assertThat(run.events).extracting(IngestedClickEvent::sourcePosition)
                .containsExactlyInAnyOrder(path + ":2", path + ":9", path + ":10");
        assertThat(run.events).filteredOn(e -> e.sourcePosition().equals(path + ":9")).singleElement()
                .extracting(e -> e.event().brand()).isEqualTo("shiseido, \"tokyo\"");
        assertThat(run.deadLetters).extracting(DeadLetter::sourcePosition, DeadLetter::reason).containsExactlyInAnyOrder(
                tuple(path + ":3", "WRONG_FIELD_COUNT"),
                tuple(path + ":4", "WRONG_FIELD_COUNT"),
                tuple(path + ":5", "WRONG_TYPE"),
                tuple(path + ":6", "NOT_CSV"),
                tuple(path + ":7", "INVALID_UTF8"),
                tuple(path + ":8", "MISSING_FIELD"));
        for (DeadLetter letter : run.deadLetters) {
            int line = Integer.parseInt(letter.sourcePosition().substring(path.length() + 1));
            assertThat(letter.payload()).as(letter.sourcePosition()).isEqualTo(lines.get(line - 1));
            assertThat(letter.source()).isEqualTo(FileLine.SOURCE_FILE);
            assertThat(letter.seenAt()).isEqualTo(WRITTEN);
        }
        assertThat(run.events.size() + run.deadLetters.size()).isEqualTo(lines.size() - 1);
        assertThat(run.rowsRead()).isEqualTo(lines.size() - 1L);
    }

    @Test
    void aTruncatedGzipFailsTheJobNamingTheFile() throws Exception {
        byte[] compressed = gzip(Files.readAllBytes(sample()));
        Path file = written(Files.write(dir.resolve("2019-Oct.csv.gz"), Arrays.copyOf(compressed, compressed.length / 2)));
        List<String> files = FileSelection.resolve(file.toString()).files();

        assertThatThrownBy(() -> run(files)).rootCause()
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot read file:" + file + " after line ")
                .hasMessageEndingWith(": Unexpected end of ZLIB input stream");
    }

    @Test
    void aFileWithAnotherHeaderFailsTheJobNamingTheFile() throws Exception {
        Path good = written(Files.copy(sample(), dir.resolve("good.csv")));
        Path other = written(Files.writeString(dir.resolve("other.csv"), "ts,type,product\n1,view,2\n"));
        List<String> files = FileSelection.resolve(good + "," + other).files();

        assertThatThrownBy(() -> run(files)).rootCause()
                .isInstanceOf(IOException.class)
                .hasMessage("file:" + other + ": line 1 is not the dataset header \"event_time,event_type,product_id,"
                        + "category_id,category_code,brand,price,user_id,user_session\": ts,type,product");
    }

    private record Run(List<IngestedClickEvent> events, List<DeadLetter> deadLetters, JobExecutionResult result) {
        long rowsRead() {
            return result.getAccumulatorResult(ParseCsvLines.ROWS_READ);
        }

        long bytesRead() {
            return result.getAccumulatorResult(ParseCsvLines.BYTES_READ);
        }
    }

    private static Run run(List<String> files) throws Exception {
        return run(files, RuntimeExecutionMode.BATCH);
    }

    private static Run run(List<String> files, RuntimeExecutionMode mode) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        env.setParallelism(2);
        env.setRuntimeMode(mode);

        CollectingSink<IngestedClickEvent> events = new CollectingSink<>();
        CollectingSink<DeadLetter> deadLetters = new CollectingSink<>();
        SingleOutputStreamOperator<IngestedClickEvent> parsed = CsvFileInput.parsedEvents(env, files, EventValidation.defaults());
        parsed.sinkTo(events).uid("test.events.v1");
        parsed.getSideOutput(ParseCsvLines.DEAD_LETTERS).sinkTo(deadLetters).uid("test.dead-letters.v1");

        JobExecutionResult result = env.executeAsync("csv-file-input-test").getJobExecutionResult().get(2, TimeUnit.MINUTES);
        return new Run(events.results(), deadLetters.results(), result);
    }

    private static Path sample() {
        return Path.of(System.getProperty("shared.data.dir", "../../shared/data"), "ecommerce", "2019-oct-nov-sample.csv");
    }

    private static Path written(Path file) throws IOException {
        return Files.setLastModifiedTime(file, FileTime.from(WRITTEN));
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

package io.github.flinklakehouse.connectors.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real dataset sample and broken variants of it through the format's readers, without a cluster. */
class LineFileFormatTest {

    private static final String HEADER =
            "event_time,event_type,product_id,category_id,category_code,brand,price,user_id,user_session";

    @TempDir
    Path dir;

    static Path sample() {
        return Path.of(System.getProperty("shared.data.dir", "../../shared/data"), "ecommerce", "2019-oct-nov-sample.csv");
    }

    @Test
    void emitsEveryDataLineOfThePlainAndGzippedSampleWithItsLineNumber() throws IOException {
        List<String> expected = Files.readAllLines(sample(), StandardCharsets.UTF_8);
        Path plain = Files.copy(sample(), dir.resolve("sample.csv"));
        Path gzipped = gzip(Files.readAllBytes(sample()), dir.resolve("sample.csv.gz"));

        for (Path file : List.of(plain, gzipped)) {
            List<RecordAndPosition<FileLine>> records = readAll(format(), split(file));
            assertThat(records).hasSize(expected.size() - 1);
            for (int i = 0; i < records.size(); i++) {
                FileLine line = records.get(i).getRecord();
                assertThat(line.lineNumber()).isEqualTo(i + 2);
                assertThat(new String(line.line(), StandardCharsets.UTF_8)).isEqualTo(expected.get(i + 1));
                assertThat(line.path()).isEqualTo(split(file).path().toString());
                assertThat(line.modificationTime()).isEqualTo(Files.getLastModifiedTime(file).toMillis());
                // The position after record i is "skip i + 1 records".
                assertThat(records.get(i).getRecordSkipCount()).isEqualTo(i + 1);
                assertThat(records.get(i).getOffset()).isEqualTo(CheckpointedPosition.NO_OFFSET);
            }
            assertThat(records.get(records.size() - 1).getRecord().bytesConsumed()).isEqualTo(Files.size(file));
        }
    }

    @Test
    void toleratesByteOrderMarkAndCrLfLineEnds() throws IOException {
        String text = "\uFEFF" + HEADER + "\r\nrow one\r\n\r\nrow three\r\n";
        Path file = Files.writeString(dir.resolve("crlf.csv"), text, StandardCharsets.UTF_8);
        String path = "file:" + file;
        assertThat(readAll(format(), split(file))).extracting(r -> r.getRecord().sourcePosition() + "="
                        + new String(r.getRecord().line(), StandardCharsets.UTF_8))
                .containsExactly(path + ":2=row one", path + ":3=", path + ":4=row three");
    }

    @Test
    void readsAnEmptyFileAndAHeaderOnlyFileAsNoLines() throws IOException {
        assertThat(readAll(format(), split(Files.createFile(dir.resolve("empty.csv"))))).isEmpty();
        assertThat(readAll(format(), split(Files.createFile(dir.resolve("empty.csv.gz"))))).isEmpty();
        assertThat(readAll(format(), split(gzip(new byte[0], dir.resolve("empty-content.csv.gz"))))).isEmpty();
        assertThat(readAll(format(), split(Files.writeString(dir.resolve("header.csv"), HEADER + "\n")))).isEmpty();
    }

    @Test
    void failsAFileWhoseFirstLineIsNotTheHeader() throws IOException {
        Path file = Files.writeString(dir.resolve("wrong.csv"), "time,type,product\n1,2,3\n");
        FileSourceSplit split = split(file);
        assertThatThrownBy(() -> readAll(format(), split)).isInstanceOf(IOException.class)
                .hasMessage(split.path() + ": line 1 is not the dataset header \"" + HEADER + "\": time,type,product");
    }

    @Test
    void cutsTheQuotedFirstLineOfAWrongFileAt200Characters() throws IOException {
        Path file = Files.writeString(dir.resolve("long.csv"), "z".repeat(500) + "\n");
        assertThatThrownBy(() -> readAll(format(), split(file)))
                .hasMessageEndingWith(": " + "z".repeat(200) + "...");
    }

    @Test
    void failsATruncatedGzipNamingTheFileAndTheLastLineRead() throws IOException {
        byte[] all = Files.readAllBytes(gzip(Files.readAllBytes(sample()), dir.resolve("full.csv.gz")));
        Path truncated = Files.write(dir.resolve("truncated.csv.gz"), Arrays.copyOf(all, all.length / 2));
        FileSourceSplit split = split(truncated);
        // Half the compressed bytes hold some but not all lines: the failure names the last complete line.
        assertThatThrownBy(() -> readAll(format(), split)).isInstanceOf(IOException.class)
                .hasNoCause()
                .hasMessageStartingWith("Cannot read " + split.path() + " after line ")
                .hasMessageEndingWith(": Unexpected end of ZLIB input stream")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }

    @Test
    void failsAFileThatVanishedAfterListing() throws IOException {
        Path file = Files.writeString(dir.resolve("gone.csv"), HEADER + "\n");
        FileSourceSplit split = split(file);
        Files.delete(file);
        assertThatThrownBy(() -> readAll(format(), split)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("Cannot open " + split.path() + ": ");
    }

    @Test
    void restoredReaderSkipsTheRecordsAlreadyEmitted() throws IOException {
        Path file = gzip(Files.readAllBytes(sample()), dir.resolve("restore.csv.gz"));
        LineFileFormat format = format().withLinesPerBatch(7);
        List<RecordAndPosition<FileLine>> all = readAll(format, split(file));

        // Checkpoint after the 30th record, in the middle of the fifth batch.
        RecordAndPosition<FileLine> checkpointed = all.get(29);
        FileSourceSplit restored = split(file).updateWithCheckpointedPosition(
                new CheckpointedPosition(checkpointed.getOffset(), checkpointed.getRecordSkipCount()));
        List<RecordAndPosition<FileLine>> rest = readAll(format, restored, true);

        assertThat(rest).extracting(RecordAndPosition::getRecord).isEqualTo(
                all.subList(30, all.size()).stream().map(RecordAndPosition::getRecord).toList());
        assertThat(rest.get(0).getRecord().lineNumber()).isEqualTo(32);
        assertThat(rest.get(0).getRecordSkipCount()).isEqualTo(31);
    }

    @Test
    void failsARestoreIntoAFileThatShrank() throws IOException {
        Path file = Files.writeString(dir.resolve("shrunk.csv"), HEADER + "\na\nb\n");
        FileSourceSplit restored = split(file).updateWithCheckpointedPosition(new CheckpointedPosition(-1, 5));
        assertThatThrownBy(() -> readAll(format(), restored, true))
                .hasMessageContaining("has fewer lines than the 5 already read before the restore");
    }

    @Test
    void readsFilesWithoutHeaderFromLineOne() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "first\nsecond");
        assertThat(readAll(LineFileFormat.withoutHeader(), split(file)))
                .extracting(r -> r.getRecord().lineNumber()).containsExactly(1L, 2L);
    }

    private static LineFileFormat format() {
        return LineFileFormat.withHeader(HEADER);
    }

    private static FileSourceSplit split(Path file) throws IOException {
        long size = Files.size(file);
        return new FileSourceSplit("0", new org.apache.flink.core.fs.Path(file.toUri()), 0, size,
                Files.getLastModifiedTime(file).toMillis(), size);
    }

    static Path gzip(byte[] content, Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            out.write(content);
        }
        return target;
    }

    private static List<RecordAndPosition<FileLine>> readAll(LineFileFormat format, FileSourceSplit split)
            throws IOException {
        return readAll(format, split, false);
    }

    private static List<RecordAndPosition<FileLine>> readAll(LineFileFormat format, FileSourceSplit split,
            boolean restore) throws IOException {
        List<RecordAndPosition<FileLine>> records = new ArrayList<>();
        try (BulkFormat.Reader<FileLine> reader = restore
                ? format.restoreReader(new Configuration(), split)
                : format.createReader(new Configuration(), split)) {
            for (BulkFormat.RecordIterator<FileLine> batch = reader.readBatch(); batch != null; batch = reader.readBatch()) {
                for (RecordAndPosition<FileLine> r = batch.next(); r != null; r = batch.next()) {
                    // The iterator reuses its position object: keep a copy.
                    records.add(new RecordAndPosition<>(r.getRecord(), r.getOffset(), r.getRecordSkipCount()));
                }
                batch.releaseBatch();
            }
        }
        return records;
    }
}

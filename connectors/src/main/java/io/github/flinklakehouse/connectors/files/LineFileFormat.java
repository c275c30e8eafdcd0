package io.github.flinklakehouse.connectors.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;

/**
 * A {@link BulkFormat} that reads line-oriented text files (plain, or compressed as the file extension says)
 * into {@link FileLine}s, one split per file, failing a file whose first line is not the expected header.
 *
 * <p>Use with {@link FileSource#forBulkFileFormat}; {@link #source} does that for a fixed list of files.
 * Files are not splittable: a compressed file can only be read from its start, and a whole file per split keeps
 * line numbers exact. A restored split reopens its file and skips the lines already emitted.
 *
 * <p>The header line is checked and never emitted; a UTF-8 byte order mark before it and a {@code \r} after it
 * are tolerated. An empty file has no lines and no header, and is fine.
 */
public final class LineFileFormat implements BulkFormat<FileLine, FileSourceSplit> {

    private static final long serialVersionUID = 1L;

    /** Lines per batch handed from the reading thread to the task: large enough to amortise the hand-over. */
    public static final int DEFAULT_LINES_PER_BATCH = 2048;

    private final String expectedHeader;
    private final int linesPerBatch;

    private LineFileFormat(String expectedHeader, int linesPerBatch) {
        if (linesPerBatch < 1) {
            throw new IllegalArgumentException("linesPerBatch must be at least 1, not " + linesPerBatch);
        }
        this.expectedHeader = expectedHeader;
        this.linesPerBatch = linesPerBatch;
    }

    /** Files whose line 1 must be exactly {@code header} (no terminator); data lines start at line 2. */
    public static LineFileFormat withHeader(String header) {
        if (header == null || header.isEmpty()) {
            throw new IllegalArgumentException("header must not be empty");
        }
        return new LineFileFormat(header, DEFAULT_LINES_PER_BATCH);
    }

    /** Files without header: every line is emitted, starting with line 1. */
    public static LineFileFormat withoutHeader() {
        return new LineFileFormat(null, DEFAULT_LINES_PER_BATCH);
    }

    /** A copy that hands over {@code lines} lines per batch. */
    public LineFileFormat withLinesPerBatch(int lines) {
        return new LineFileFormat(expectedHeader, lines);
    }

    /** A bounded source reading every file of {@code files} (paths or URIs such as {@code s3://bucket/key}). */
    public FileSource<FileLine> source(Iterable<String> files) {
        List<Path> paths = new ArrayList<>();
        files.forEach(file -> paths.add(new Path(file)));
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("No files to read");
        }
        return FileSource.forBulkFileFormat(this, paths.toArray(new Path[0])).build();
    }

    @Override
    public Reader<FileLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
        return LineFileReader.open(split, expectedHeader, linesPerBatch);
    }

    @Override
    public Reader<FileLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
        // The split carries the number of records already emitted; opening skips them.
        return LineFileReader.open(split, expectedHeader, linesPerBatch);
    }

    @Override
    public boolean isSplittable() {
        return false;
    }

    @Override
    public TypeInformation<FileLine> getProducedType() {
        return TypeInformation.of(FileLine.class);
    }
}

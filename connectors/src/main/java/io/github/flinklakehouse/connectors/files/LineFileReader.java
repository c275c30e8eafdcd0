package io.github.flinklakehouse.connectors.files;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.io.compression.InflaterInputStreamFactory;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one whole file as batches of {@link FileLine}s: opens it through Flink's {@code FileSystem}, decompresses
 * by extension, checks the header and skips what a restored split already emitted.
 *
 * <p>Every I/O failure is rethrown as an {@link IOException} whose message names the file and the last line
 * read, and which has no cause (the original is attached as suppressed), so the root cause Flink reports for a
 * failed job says which file broke.
 */
final class LineFileReader implements BulkFormat.Reader<FileLine> {

    private static final Logger LOG = LoggerFactory.getLogger(LineFileReader.class);
    private static final int STREAM_BUFFER_BYTES = 64 * 1024;
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int HEADER_EXCERPT_CHARS = 200;

    private final String path;
    private final long modificationTime;
    private final int linesPerBatch;
    private final FSDataInputStream raw;
    private final LineSplitter lines;

    /** Lines of the file read so far, header included. */
    private long lineNumber;
    /** Records handed out so far (lines after the header): the reader position of the next record. */
    private long emitted;
    private boolean finished;

    private LineFileReader(String path, long modificationTime, int linesPerBatch, FSDataInputStream raw, InputStream in) {
        this.path = path;
        this.modificationTime = modificationTime;
        this.linesPerBatch = linesPerBatch;
        this.raw = raw;
        this.lines = new LineSplitter(in, this::rawPosition);
    }

    /**
     * Opens {@code split}, checks the header and skips the records its checkpointed position says were emitted.
     *
     * @param expectedHeader the exact first line every file must have, or {@code null} for files without header
     */
    static LineFileReader open(FileSourceSplit split, String expectedHeader, int linesPerBatch) throws IOException {
        Path file = split.path();
        String name = file.toString();
        FSDataInputStream raw;
        try {
            raw = file.getFileSystem().open(file);
        } catch (IOException | RuntimeException e) {
            throw failure("Cannot open " + name + ": " + e.getMessage(), e);
        }
        LineFileReader reader;
        try {
            // A zero-byte file is empty whatever its name says (a zero-byte .gz is not even a gzip stream).
            InputStream in = split.fileSize() == 0 ? raw : decompressed(name, raw);
            reader = new LineFileReader(name, split.fileModificationTime(), linesPerBatch, raw, in);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw, e);
            throw failure("Cannot read " + name + " after line 0: " + e.getMessage(), e);
        }
        try {
            if (expectedHeader != null) {
                reader.checkHeader(expectedHeader);
            }
            long toSkip = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
            reader.skip(toSkip);
            LOG.info("Reading {} from record {} (file size {} bytes)", name, toSkip, split.fileSize());
            return reader;
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw, e);
            throw e;
        }
    }

    @Override
    public BulkFormat.RecordIterator<FileLine> readBatch() throws IOException {
        if (finished) {
            return null;
        }
        FileLine[] batch = new FileLine[linesPerBatch];
        int count = 0;
        while (count < linesPerBatch) {
            byte[] line = nextLine();
            if (line == null) {
                finished = true;
                break;
            }
            batch[count++] = new FileLine(path, lineNumber, line, modificationTime, lines.bytesConsumed());
        }
        if (count == 0) {
            return null;
        }
        // A file cannot be positioned by offset once decompressed: restore reopens it and skips `emitted` lines.
        ArrayResultIterator<FileLine> iterator = new ArrayResultIterator<>();
        iterator.set(batch, count, CheckpointedPosition.NO_OFFSET, emitted);
        emitted += count;
        return iterator;
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }

    private void checkHeader(String expectedHeader) throws IOException {
        byte[] first = nextLine();
        if (first == null) {
            finished = true; // An empty file has no lines at all, which is fine.
            return;
        }
        byte[] header = startsWith(first, UTF8_BOM) ? Arrays.copyOfRange(first, UTF8_BOM.length, first.length) : first;
        if (!Arrays.equals(header, expectedHeader.getBytes(StandardCharsets.UTF_8))) {
            String text = new String(first, StandardCharsets.UTF_8);
            String excerpt = text.length() > HEADER_EXCERPT_CHARS ? text.substring(0, HEADER_EXCERPT_CHARS) + "..." : text;
            throw new IOException(path + ": line 1 is not the dataset header \"" + expectedHeader + "\": " + excerpt);
        }
    }

    private void skip(long records) throws IOException {
        for (long i = 0; i < records; i++) {
            if (nextLine() == null) {
                throw new IOException(path + " has fewer lines than the " + records
                        + " already read before the restore: the file changed while it was being loaded");
            }
        }
        emitted = records;
    }

    /** The next line, counting it; I/O failures become messages naming the file and the line reached. */
    private byte[] nextLine() throws IOException {
        byte[] line;
        try {
            line = lines.nextLine();
        } catch (IOException | RuntimeException e) {
            throw failure("Cannot read " + path + " after line " + lineNumber + ": " + e.getMessage(), e);
        }
        if (line != null) {
            lineNumber++;
        }
        return line;
    }

    private long rawPosition() {
        try {
            return raw.getPos();
        } catch (IOException e) {
            return -1; // Progress only: a position that cannot be read must not fail the load.
        }
    }

    private static InputStream decompressed(String name, FSDataInputStream raw) throws IOException {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz") || lower.endsWith(".gzip")) {
            return new GZIPInputStream(raw, STREAM_BUFFER_BYTES);
        }
        int dot = lower.lastIndexOf('.');
        InflaterInputStreamFactory<?> factory = dot < 0 ? null
                : StandardDeCompressors.getDecompressorForExtension(lower.substring(dot + 1));
        return factory == null ? raw : factory.create(new BufferedInputStream(raw, STREAM_BUFFER_BYTES));
    }

    /** A failure whose own message is complete, so it stays readable as the root cause of a failed job. */
    private static IOException failure(String message, Throwable original) {
        IOException failure = new IOException(message);
        failure.addSuppressed(original);
        return failure;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static void closeQuietly(FSDataInputStream stream, Exception primary) {
        try {
            stream.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}

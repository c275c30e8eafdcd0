package io.github.flinklakehouse.connectors.files;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a text file exactly as stored, together with where it came from and how far the file was read.
 *
 * <p>Parsing happens downstream in an operator, so a malformed line becomes a dead letter with this origin
 * instead of failing the source. Flink serialises this record with its POJO serializer, never Kryo.
 *
 * @param path the file as the source lists it, e.g. {@code file:/data/2019-Oct.csv} or {@code s3://lake/in/a.csv.gz}
 * @param lineNumber 1-based physical line number in the (decompressed) file; a header is line 1
 * @param line the line's bytes without its terminator ({@code \n}, or {@code \r\n}), never re-encoded
 * @param modificationTime the file's modification time in epoch milliseconds
 * @param bytesConsumed file bytes read so far (compressed bytes for a compressed file), an approximation taken
 *     at the read buffer's last refill; it reaches the file size at the end of the file
 */
public record FileLine(String path, long lineNumber, byte[] line, long modificationTime, long bytesConsumed) {

    /** Source name used in lineage columns and dead letters. */
    public static final String SOURCE_FILE = "file";

    public FileLine {
        Objects.requireNonNull(path, "path");
        line = line == null ? new byte[0] : line;
    }

    /** Returns the position as {@code path:line}, the form used in lineage columns. */
    public String sourcePosition() {
        return path + ":" + lineNumber;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileLine that
                && path.equals(that.path)
                && lineNumber == that.lineNumber
                && Arrays.equals(line, that.line)
                && modificationTime == that.modificationTime
                && bytesConsumed == that.bytesConsumed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, lineNumber, Arrays.hashCode(line), modificationTime, bytesConsumed);
    }

    @Override
    public String toString() {
        return "FileLine[" + sourcePosition() + ", bytes=" + line.length + ", bytesConsumed=" + bytesConsumed + "]";
    }
}

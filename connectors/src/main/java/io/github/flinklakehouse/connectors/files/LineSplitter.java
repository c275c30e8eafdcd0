package io.github.flinklakehouse.connectors.files;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Cuts a byte stream into lines on {@code \n} (dropping one {@code \r} before it), scanning a large buffer
 * byte by byte: no decoding, no {@code String}, no regex on the hot path of a backfill.
 *
 * <p>A final line without terminator is still a line; a terminator at the very end does not start an empty
 * one. The buffer grows for long lines up to a limit, so a file that is not line-oriented fails instead of
 * filling the heap.
 */
final class LineSplitter {

    static final int DEFAULT_BUFFER_BYTES = 256 * 1024;
    static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private final InputStream in;
    private final LongSupplier bytesConsumed;
    private final int maxLineBytes;

    private byte[] buffer;
    /** Start of the next line in {@link #buffer}. */
    private int start;
    /** End of the valid bytes in {@link #buffer}. */
    private int limit;
    private boolean endOfStream;
    private long consumedAtRefill;

    /**
     * @param in the (decompressed) bytes to split; read in large chunks, never closed here
     * @param bytesConsumed reads how many bytes of the underlying file were consumed; asked once per refill
     */
    LineSplitter(InputStream in, LongSupplier bytesConsumed) {
        this(in, bytesConsumed, DEFAULT_BUFFER_BYTES, DEFAULT_MAX_LINE_BYTES);
    }

    LineSplitter(InputStream in, LongSupplier bytesConsumed, int bufferBytes, int maxLineBytes) {
        this.in = in;
        this.bytesConsumed = bytesConsumed;
        this.maxLineBytes = maxLineBytes;
        this.buffer = new byte[bufferBytes];
    }

    /** Returns the next line without its terminator, or {@code null} at the end of the stream. */
    byte[] nextLine() throws IOException {
        int scanned = start;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = copyWithoutCarriageReturn(start, i);
                    start = i + 1;
                    return line;
                }
            }
            if (endOfStream) {
                if (start == limit) {
                    return null;
                }
                byte[] last = copyWithoutCarriageReturn(start, limit);
                start = limit;
                return last;
            }
            int pending = limit - start;
            refill();
            // After refill the pending bytes (already scanned, no newline among them) sit at the buffer start.
            scanned = pending;
        }
    }

    /** File bytes consumed when the buffer holding the last returned line was filled. */
    long bytesConsumed() {
        return consumedAtRefill;
    }

    private void refill() throws IOException {
        int pending = limit - start;
        if (pending == buffer.length) {
            if (buffer.length >= maxLineBytes) {
                throw new IOException("a line is longer than " + maxLineBytes + " bytes: not a line-oriented text file");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxLineBytes));
        }
        System.arraycopy(buffer, start, buffer, 0, pending);
        start = 0;
        limit = pending;
        // Fill the whole buffer (streams such as S3 return small chunks) so EOF is seen with the last bytes.
        while (limit < buffer.length) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                endOfStream = true;
                break;
            }
            limit += read;
        }
        consumedAtRefill = bytesConsumed.getAsLong();
    }

    private byte[] copyWithoutCarriageReturn(int from, int to) {
        int end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
        return Arrays.copyOfRange(buffer, from, end);
    }
}

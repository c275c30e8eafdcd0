package io.github.flinklakehouse.jobs.serialization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Strings as a length and their UTF-8 bytes ({@code -1} for null): for the ASCII ids and codes of events this is a
 * fraction of the cost of Flink's char-by-char {@code StringSerializer}.
 */
public final class CompactStrings {

    private CompactStrings() {
    }

    /** Writes {@code value}, which may be null. */
    public static void write(String value, DataOutputView target) throws IOException {
        if (value == null) {
            target.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    /** Reads a value written by {@link #write}. */
    public static String read(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Copies one value written by {@link #write} from {@code source} to {@code target}. */
    public static void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        if (length > 0) {
            target.write(source, length);
        }
    }
}

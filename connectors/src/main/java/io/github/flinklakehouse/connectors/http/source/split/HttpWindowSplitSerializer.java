package io.github.flinklakehouse.connectors.http.source.split;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned binary form of {@link HttpWindowSplit}; bump {@link #VERSION} and keep reading old ones. */
public final class HttpWindowSplitSerializer implements SimpleVersionedSerializer<HttpWindowSplit> {

    /** The shared instance; the serializer holds no state. */
    public static final HttpWindowSplitSerializer INSTANCE = new HttpWindowSplitSerializer();

    /** Version 1: endpointId, windowStart, windowEnd, page, hasCursor, cursor, recordsToSkip, done. */
    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(HttpWindowSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public HttpWindowSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Unknown HttpWindowSplit serializer version " + version + " (this code reads " + VERSION + ")");
        }
        return read(new DataInputDeserializer(serialized));
    }

    /** Writes one split in the current version's layout (also used inside the enumerator state). */
    public static void write(HttpWindowSplit split, DataOutputSerializer out) throws IOException {
        out.writeUTF(split.endpointId());
        out.writeLong(split.windowStartMs());
        out.writeLong(split.windowEndMs());
        out.writeInt(split.page());
        out.writeBoolean(split.cursor() != null);
        if (split.cursor() != null) {
            out.writeUTF(split.cursor());
        }
        out.writeInt(split.recordsToSkip());
        out.writeBoolean(split.done());
    }

    /** Reads one split written by {@link #write}. */
    public static HttpWindowSplit read(DataInputDeserializer in) throws IOException {
        String endpointId = in.readUTF();
        long start = in.readLong();
        long end = in.readLong();
        int page = in.readInt();
        String cursor = in.readBoolean() ? in.readUTF() : null;
        int skip = in.readInt();
        boolean done = in.readBoolean();
        return new HttpWindowSplit(endpointId, start, end, page, cursor, skip, done);
    }
}

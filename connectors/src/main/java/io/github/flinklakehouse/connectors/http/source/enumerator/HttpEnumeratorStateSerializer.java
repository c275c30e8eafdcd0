package io.github.flinklakehouse.connectors.http.source.enumerator;

import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Versioned binary form of {@link HttpEnumeratorState}; bump {@link #VERSION} and keep reading old ones. */
public final class HttpEnumeratorStateSerializer implements SimpleVersionedSerializer<HttpEnumeratorState> {

    /** The shared instance; the serializer holds no state. */
    public static final HttpEnumeratorStateSerializer INSTANCE = new HttpEnumeratorStateSerializer();

    /** Version 1: endpoint count, (endpointId, nextStart)*, split count, split (split serializer v1)*. */
    public static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(HttpEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.nextWindowStartMs().size());
        for (Map.Entry<String, Long> entry : state.nextWindowStartMs().entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
        out.writeInt(state.pendingSplits().size());
        for (HttpWindowSplit split : state.pendingSplits()) {
            HttpWindowSplitSerializer.write(split, out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public HttpEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException(
                    "Unknown HttpEnumeratorState serializer version " + version + " (this code reads " + VERSION + ")");
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        Map<String, Long> next = new LinkedHashMap<>();
        for (int i = in.readInt(); i > 0; i--) {
            next.put(in.readUTF(), in.readLong());
        }
        List<HttpWindowSplit> pending = new ArrayList<>();
        for (int i = in.readInt(); i > 0; i--) {
            pending.add(HttpWindowSplitSerializer.read(in));
        }
        return new HttpEnumeratorState(next, pending);
    }
}

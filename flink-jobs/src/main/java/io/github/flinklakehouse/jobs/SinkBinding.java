package io.github.flinklakehouse.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;

/**
 * Attaches one output of a job to a stream, so jobs do not care whether it is Iceberg, PostgreSQL or a test list.
 *
 * <p>The job owns the operator ids: an implementation must give its sink the {@code uid} and {@code name}
 * it is handed, and any helper operator it adds a uid derived from {@code uid}.
 */
@FunctionalInterface
public interface SinkBinding<T> {

    /** Adds the sink (and any conversion it needs) after {@code stream}. */
    DataStreamSink<?> bind(DataStream<T> stream, String uid, String name);

    /** A binding that writes the stream as it is into a Flink {@link Sink}. */
    static <T> SinkBinding<T> of(Sink<T> sink) {
        return (stream, uid, name) -> stream.sinkTo(sink).uid(uid).name(name);
    }
}

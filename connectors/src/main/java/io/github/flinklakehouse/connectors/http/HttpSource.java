package io.github.flinklakehouse.connectors.http;

import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.source.enumerator.HttpEnumeratorState;
import io.github.flinklakehouse.connectors.http.source.enumerator.HttpEnumeratorStateSerializer;
import io.github.flinklakehouse.connectors.http.source.enumerator.HttpWindowEnumerator;
import io.github.flinklakehouse.connectors.http.source.reader.HttpSourceReader;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplitSerializer;
import java.time.Clock;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A FLIP-27 source that polls JSON APIs window by window and emits {@link HttpPollResult}s.
 *
 * <pre>
 *   enumerator (job manager)                 readers (task managers)
 *   every discoveryInterval: due windows ──> split (endpoint, window) ──> page 1..n ──> records
 *   per endpoint [start+k*size, +size)        token bucket, retries      └─ failure ──> dead letter
 * </pre>
 *
 * <p>Build it with {@link #builder()}: with an end time it is bounded (a backfill that finishes), without
 * one it keeps polling each new window once {@code publishDelay} after it ends.
 */
public final class HttpSource
        implements Source<HttpPollResult, HttpWindowSplit, HttpEnumeratorState>, ResultTypeQueryable<HttpPollResult> {

    private static final long serialVersionUID = 1L;

    private final Map<String, HttpEndpoint> endpoints;
    private final HttpSourceOptions options;
    private final Clock clock;

    HttpSource(Map<String, HttpEndpoint> endpoints, HttpSourceOptions options, Clock clock) {
        this.endpoints = endpoints;
        this.options = options;
        this.clock = clock;
    }

    /** Starts a builder. */
    public static HttpSourceBuilder builder() {
        return new HttpSourceBuilder();
    }

    /** The validated options this source runs with. */
    public HttpSourceOptions options() {
        return options;
    }

    @Override
    public Boundedness getBoundedness() {
        return options.bounded() ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<HttpWindowSplit, HttpEnumeratorState> createEnumerator(
            SplitEnumeratorContext<HttpWindowSplit> context) {
        return new HttpWindowEnumerator(context, options, endpoints.keySet(), clock, null);
    }

    @Override
    public SplitEnumerator<HttpWindowSplit, HttpEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<HttpWindowSplit> context, HttpEnumeratorState checkpoint) {
        return new HttpWindowEnumerator(context, options, endpoints.keySet(), clock, checkpoint);
    }

    @Override
    public SourceReader<HttpPollResult, HttpWindowSplit> createReader(SourceReaderContext context) {
        return HttpSourceReader.create(endpoints, options, context);
    }

    @Override
    public SimpleVersionedSerializer<HttpWindowSplit> getSplitSerializer() {
        return HttpWindowSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<HttpEnumeratorState> getEnumeratorCheckpointSerializer() {
        return HttpEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<HttpPollResult> getProducedType() {
        return TypeInformation.of(HttpPollResult.class);
    }
}

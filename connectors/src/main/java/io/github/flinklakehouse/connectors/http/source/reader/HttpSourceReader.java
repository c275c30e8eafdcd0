package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplitState;
import java.util.Map;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;

/** The HTTP source's reader: asks for a window whenever it is idle and polls it on one fetcher thread. */
public final class HttpSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                PolledElement, HttpPollResult, HttpWindowSplit, HttpWindowSplitState> {

    private final HttpSourceMetrics metrics;

    private HttpSourceReader(
            Map<String, HttpEndpoint> endpoints, HttpSourceOptions options, HttpSourceMetrics metrics,
            SourceReaderContext context) {
        super(() -> new HttpSplitReader(endpoints, options, metrics), new HttpRecordEmitter(metrics),
                context.getConfiguration(), context);
        this.metrics = metrics;
    }

    /** A reader for the given endpoints that registers its metrics on the context's metric group. */
    public static HttpSourceReader create(
            Map<String, HttpEndpoint> endpoints, HttpSourceOptions options, SourceReaderContext context) {
        return new HttpSourceReader(endpoints, options, new HttpSourceMetrics(context.metricGroup()), context);
    }

    @Override
    public void start() {
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, HttpWindowSplitState> finishedSplitIds) {
        context.sendSplitRequest();
    }

    @Override
    protected HttpWindowSplitState initializedState(HttpWindowSplit split) {
        return new HttpWindowSplitState(split);
    }

    @Override
    protected HttpWindowSplit toSplitType(String splitId, HttpWindowSplitState state) {
        return state.toSplit();
    }

    /** This reader's metrics, for tests. */
    public HttpSourceMetrics metrics() {
        return metrics;
    }
}

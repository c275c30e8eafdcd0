package io.github.flinklakehouse.connectors.http.source.reader;

import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplitState;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

/**
 * Emits a polled record or dead letter, timestamped with its window start, and advances the split's
 * checkpointed position past it in the same step.
 */
final class HttpRecordEmitter implements RecordEmitter<PolledElement, HttpPollResult, HttpWindowSplitState> {

    private final HttpSourceMetrics metrics;

    HttpRecordEmitter(HttpSourceMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void emitRecord(PolledElement element, SourceOutput<HttpPollResult> output, HttpWindowSplitState state) {
        HttpPollResult result = element.result();
        long timestamp = result.isRecord() ? result.record().windowStartMs() : result.deadLetter().windowStartMs();
        output.collect(result, timestamp);
        if (result.isRecord()) {
            metrics.recordEmitted();
        } else {
            metrics.deadLettered();
        }
        if (element.lastOfWindow()) {
            state.markDone();
        } else {
            state.emitted(element.page(), element.pageCursor(), element.index());
        }
    }
}

package io.github.flinklakehouse.connectors.http.source.reader;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.flinklakehouse.connectors.http.HttpDeadLetter;
import io.github.flinklakehouse.connectors.http.HttpFailureReason;
import io.github.flinklakehouse.connectors.http.HttpPollResult;
import io.github.flinklakehouse.connectors.http.HttpRecord;
import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.request.HttpEndpoint;
import io.github.flinklakehouse.connectors.http.request.Paging;
import io.github.flinklakehouse.connectors.http.request.RequestTemplate;
import io.github.flinklakehouse.connectors.http.response.PageContent;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the assigned windows one page per {@link #fetch()}: emits each page's items (skipping those a
 * restored split already emitted), follows the paging until the last or an empty page, and turns a page
 * that fails after the retries into one dead letter that ends its window; unless it failed with a quota or gateway
 * error ({@link #worthPollingLater}): then the window is postponed and polled again from that page later (not
 * marked done), until the source's {@code retryLaterFor} has passed. A postponement is not checkpointed: a restored
 * window is polled at once.
 */
final class HttpSplitReader implements SplitReader<PolledElement, HttpWindowSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSplitReader.class);

    private final Map<String, HttpEndpoint> endpoints;
    private final Map<String, RequestTemplate> templates = new HashMap<>();
    private final HttpSourceOptions options;
    private final HttpSourceMetrics metrics;
    private final PageFetcher fetcher;
    private final Queue<Progress> splits = new ArrayDeque<>();

    HttpSplitReader(Map<String, HttpEndpoint> endpoints, HttpSourceOptions options, HttpSourceMetrics metrics) {
        this.endpoints = endpoints;
        this.options = options;
        this.metrics = metrics;
        this.fetcher = new PageFetcher(options, metrics);
    }

    @Override
    public RecordsWithSplitIds<PolledElement> fetch() throws IOException {
        Progress progress = nextDue();
        if (progress == null) {
            return new RecordsBySplits<>(Map.of(), Set.of());
        }
        RecordsBySplits.Builder<PolledElement> batch = new RecordsBySplits.Builder<>();
        if (progress.done) {
            finish(progress, batch);
            return batch.build();
        }
        HttpEndpoint endpoint = endpoints.get(progress.split.endpointId());
        if (endpoint == null) {
            throw new IOException(
                    "Split " + progress.split.splitId() + " names an endpoint that is no longer configured");
        }
        PageOutcome outcome;
        try {
            outcome = fetcher.fetch(endpoint, template(endpoint), progress.split.windowStartMs(),
                    progress.split.windowEndMs(), progress.page, progress.cursor);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while polling " + progress.split.splitId());
        }
        switch (outcome.kind()) {
            case NO_DATA:
                metrics.noDataWindow();
                finish(progress, batch);
                break;
            case FAILED:
                if (postpone(progress, outcome)) {
                    break;
                }
                LOG.warn("HTTP window {} page {} dead-lettered: {} {} ({})", progress.split.splitId(), progress.page,
                        outcome.reason(), outcome.message(), outcome.url());
                HttpPollResult deadLetter = HttpPollResult.of(deadLetter(progress, outcome));
                batch.add(progress.split.splitId(),
                        new PolledElement(deadLetter, progress.page, progress.cursor, -1, true));
                finish(progress, batch);
                break;
            default:
                emitPage(endpoint, progress, outcome, batch);
        }
        return batch.build();
    }

    /**
     * The first split that may be polled now, put at the head; null when there is none. When every split waits to
     * be polled again later, waits up to {@value #MAX_IDLE_WAIT_MS} ms for the earliest (the fetcher calls again).
     */
    private Progress nextDue() throws InterruptedIOException {
        long now = System.currentTimeMillis();
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < splits.size(); i++) {
            Progress head = splits.peek();
            if (head.notBeforeMs <= now) {
                return head;
            }
            earliest = Math.min(earliest, head.notBeforeMs);
            splits.add(splits.poll());
        }
        if (earliest != Long.MAX_VALUE) {
            try {
                Thread.sleep(Math.min(MAX_IDLE_WAIT_MS, Math.max(1, earliest - now)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting to poll a postponed window again");
            }
        }
        return null;
    }

    private static final long MAX_IDLE_WAIT_MS = 200;
    private static final long MAX_RETRY_LATER_DELAY_MS = 3_600_000L;

    /**
     * Whether {@code outcome}, a quota or gateway failure that survived the retries, postpones its window (polled
     * again from the same page later) rather than ending it: until {@code retryLaterFor} has passed since the
     * window's first such failure.
     */
    private boolean postpone(Progress progress, PageOutcome outcome) {
        if (!worthPollingLater(outcome) || options.retryLaterFor().isZero()) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (progress.firstPostponedMs < 0) {
            progress.firstPostponedMs = now;
            progress.laterDelayMs = options.retryLaterDelay().toMillis();
        } else if (now - progress.firstPostponedMs >= options.retryLaterFor().toMillis()) {
            return false;
        } else {
            progress.laterDelayMs = Math.min(MAX_RETRY_LATER_DELAY_MS, progress.laterDelayMs * 2);
        }
        progress.notBeforeMs = now + progress.laterDelayMs;
        metrics.windowPostponed();
        LOG.warn("HTTP window {} page {} postponed for {} ms: {} {} ({})", progress.split.splitId(), progress.page,
                progress.laterDelayMs, outcome.reason(), outcome.message(), outcome.url());
        return true;
    }

    /** A used-up quota, or an overloaded server or gateway: the same request can succeed later. */
    static boolean worthPollingLater(PageOutcome outcome) {
        HttpFailureReason reason = outcome.reason();
        return reason == HttpFailureReason.QUOTA_EXCEEDED || reason == HttpFailureReason.RATE_LIMITED
                || reason == HttpFailureReason.SERVER_ERROR
                        && (outcome.status() == 502 || outcome.status() == 503 || outcome.status() == 504);
    }

    private void emitPage(HttpEndpoint endpoint, Progress progress, PageOutcome outcome,
            RecordsBySplits.Builder<PolledElement> batch) {
        PageContent content = outcome.content();
        List<JsonNode> items = content.items();
        boolean lastPage = isLastPage(endpoint.paging(), progress.page, content);
        HttpWindowSplit split = progress.split;
        for (int i = progress.skip; i < items.size(); i++) {
            HttpPollResult result = toResult(progress, outcome, items.get(i), i);
            batch.add(split.splitId(),
                    new PolledElement(result, progress.page, progress.cursor, i, lastPage && i == items.size() - 1));
        }
        if (lastPage) {
            finish(progress, batch);
        } else {
            progress.page++;
            progress.cursor = content.nextCursor();
            progress.skip = 0;
        }
    }

    /** A record for a JSON object; a dead letter for anything else, which downstream could not parse. */
    private HttpPollResult toResult(Progress progress, PageOutcome outcome, JsonNode item, int index) {
        HttpWindowSplit split = progress.split;
        if (item.isObject()) {
            return HttpPollResult.of(new HttpRecord(split.endpointId(), split.windowStartMs(), split.windowEndMs(),
                    progress.page, index, item.toString()));
        }
        String message = "item " + index + " is " + item.getNodeType() + ", not an object";
        return HttpPollResult.of(new HttpDeadLetter(split.endpointId(), split.windowStartMs(), split.windowEndMs(),
                progress.page, outcome.url(), outcome.status(), HttpFailureReason.RECORD_NOT_OBJECT, message,
                Excerpts.cut(item.toString(), options.bodyExcerptChars()), System.currentTimeMillis()));
    }

    /** An empty page ends every paging style; otherwise the stated total or the missing cursor does. */
    private static boolean isLastPage(Paging paging, int page, PageContent content) {
        if (content.items().isEmpty()) {
            return true;
        }
        switch (paging) {
            case PAGE_NUMBER:
                return content.totalPages() != PageContent.UNKNOWN && page >= content.totalPages();
            case CURSOR:
                return content.nextCursor() == null;
            default:
                return true;
        }
    }

    private HttpDeadLetter deadLetter(Progress progress, PageOutcome outcome) {
        HttpWindowSplit split = progress.split;
        return new HttpDeadLetter(split.endpointId(), split.windowStartMs(), split.windowEndMs(), progress.page,
                outcome.url(), outcome.status(), outcome.reason(), outcome.message(),
                outcome.bodyExcerpt(), System.currentTimeMillis());
    }

    private void finish(Progress progress, RecordsBySplits.Builder<PolledElement> batch) {
        splits.remove(progress);
        batch.addFinishedSplit(progress.split.splitId());
    }

    private RequestTemplate template(HttpEndpoint endpoint) {
        return templates.computeIfAbsent(endpoint.id(), id -> new RequestTemplate(endpoint));
    }

    @Override
    public void handleSplitsChanges(SplitsChange<HttpWindowSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("Unsupported split change " + change.getClass().getSimpleName());
        }
        for (HttpWindowSplit split : change.splits()) {
            LOG.info("Polling HTTP window {} from page {} (skipping {})",
                    split.splitId(), split.page(), split.recordsToSkip());
            splits.add(new Progress(split));
        }
    }

    @Override
    public void wakeUp() {
        // fetch() polls a single page and returns; there is no long blocking wait to interrupt.
    }

    @Override
    public void close() {}

    /** Fetch-side position in a split; the emitter keeps the emit-side position for checkpoints. */
    private static final class Progress {
        final HttpWindowSplit split;
        final boolean done;
        int page;
        String cursor;
        int skip;
        /** Not polled before this time (a postponed window); 0 when due. */
        long notBeforeMs;
        /** When the window was first postponed, -1 when never. */
        long firstPostponedMs = -1;
        long laterDelayMs;

        Progress(HttpWindowSplit split) {
            this.split = split;
            this.done = split.done();
            this.page = split.page();
            this.cursor = split.cursor();
            this.skip = split.recordsToSkip();
        }
    }
}

package io.github.flinklakehouse.connectors.http.source.enumerator;

import io.github.flinklakehouse.connectors.http.HttpSourceOptions;
import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers (endpoint, time window) splits on a schedule and hands them, one at a time, to readers that ask.
 *
 * <p>Discovery reads the clock in {@code callAsync} and creates due windows in the coordinator thread, so
 * all state is touched by one thread. A bounded run signals "no more splits" once every window up to the
 * end time was created and assigned; an unbounded run keeps discovering.
 */
public final class HttpWindowEnumerator implements SplitEnumerator<HttpWindowSplit, HttpEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpWindowEnumerator.class);

    private final SplitEnumeratorContext<HttpWindowSplit> context;
    private final HttpSourceOptions options;
    private final WindowPlanner planner;
    private final Clock clock;
    private final Map<String, Long> nextWindowStartMs;
    private final Deque<HttpWindowSplit> pending;
    private final Set<Integer> readersAwaitingSplit = new LinkedHashSet<>();

    public HttpWindowEnumerator(
            SplitEnumeratorContext<HttpWindowSplit> context,
            HttpSourceOptions options,
            Collection<String> endpointIds,
            Clock clock,
            HttpEnumeratorState restored) {
        this.context = context;
        this.options = options;
        this.planner = new WindowPlanner(options);
        this.clock = clock;
        this.nextWindowStartMs = new LinkedHashMap<>();
        for (String id : endpointIds) {
            // An endpoint added since the checkpoint starts at the configured start time.
            Long restoredStart = restored == null ? null : restored.nextWindowStartMs().get(id);
            nextWindowStartMs.put(id, restoredStart != null ? restoredStart : options.startTime().toEpochMilli());
        }
        this.pending = new ArrayDeque<>(restored == null ? List.of() : restored.pendingSplits());
    }

    @Override
    public void start() {
        LOG.info("HTTP enumerator starting: endpoints {}, next windows {}, {} pending, bounded={}",
                nextWindowStartMs.keySet(), nextWindowStartMs, pending.size(), options.bounded());
        context.callAsync(clock::millis, this::discover, 0L, options.discoveryInterval().toMillis());
    }

    private void discover(Long nowMs, Throwable error) {
        if (error != null) {
            throw new IllegalStateException("HTTP window discovery failed", error);
        }
        List<HttpWindowSplit> discovered = new ArrayList<>();
        for (Map.Entry<String, Long> entry : nextWindowStartMs.entrySet()) {
            List<HttpWindowSplit> due = planner.dueWindows(entry.getKey(), entry.getValue(), nowMs);
            if (!due.isEmpty()) {
                discovered.addAll(due);
                entry.setValue(due.get(due.size() - 1).windowEndMs());
                LOG.info("HTTP endpoint {}: {} new window(s) up to {}", entry.getKey(), due.size(), entry.getValue());
            }
        }
        // Oldest window first across endpoints (a stable sort keeps the endpoints' order within one window): a
        // catch-up over many windows then advances the event time of every endpoint together, instead of one
        // endpoint's whole range before the next one's, whose records would all be behind the watermark.
        discovered.sort(Comparator.comparingLong(HttpWindowSplit::windowStartMs));
        pending.addAll(discovered);
        assignPending();
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        readersAwaitingSplit.add(subtaskId);
        assignPending();
    }

    @Override
    public void addSplitsBack(List<HttpWindowSplit> splits, int subtaskId) {
        // Returned splits go first: they are older than anything still pending.
        for (int i = splits.size() - 1; i >= 0; i--) {
            pending.addFirst(splits.get(i));
        }
        assignPending();
    }

    @Override
    public void addReader(int subtaskId) {
        // Readers ask for splits themselves once they are idle.
    }

    @Override
    public HttpEnumeratorState snapshotState(long checkpointId) {
        return new HttpEnumeratorState(nextWindowStartMs, List.copyOf(pending));
    }

    @Override
    public void close() {}

    private void assignPending() {
        var iterator = readersAwaitingSplit.iterator();
        while (iterator.hasNext()) {
            int subtask = iterator.next();
            if (!context.registeredReaders().containsKey(subtask)) {
                iterator.remove(); // the reader failed; it asks again after its restart
                continue;
            }
            if (!pending.isEmpty()) {
                context.assignSplit(pending.poll(), subtask);
                iterator.remove();
            } else if (allWindowsCreated()) {
                context.signalNoMoreSplits(subtask);
                iterator.remove();
            } else {
                return;
            }
        }
    }

    private boolean allWindowsCreated() {
        return options.bounded() && nextWindowStartMs.values().stream().allMatch(planner::exhausted);
    }
}

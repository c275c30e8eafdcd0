package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.jobs.clickstream.DeduplicateEventIds;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The live job's producer-retry rule for replayed events: an event whose {@code event_id} the raw table already
 * holds within {@code clickstream.dedupe-horizon} of its event time, or that another replayed event of the same id
 * and an earlier time (then smaller position) within the horizon has, is a duplicate and is not written; it stays
 * in {@code raw.rejected_events} and is counted as still rejected with {@code DUPLICATE_EVENT_ID}. Events
 * without id pass. Written events are counted as accepted.
 *
 * <p>Keyed by {@link DeduplicateEventIds#KEY}; input 1 are the replayed events, input 2 the {@code (key, event
 * time)} of every raw row with an id. Decides at the end of input (a timer at {@code Long.MAX_VALUE}).
 */
final class SkipRepeatedEventIds
        extends KeyedCoProcessFunction<String, IngestedClickEvent, RawEventId, IngestedClickEvent> {

    private static final long serialVersionUID = 1L;

    private static final Comparator<IngestedClickEvent> FIRST_WINS = Comparator
            .comparing((IngestedClickEvent e) -> e.event().eventTime())
            .thenComparing(IngestedClickEvent::source)
            .thenComparing(IngestedClickEvent::sourcePosition);

    private final long horizonMillis;

    private transient ListState<IngestedClickEvent> replayed;
    private transient ListState<Long> rawTimes;
    private transient LongCounter accepted;
    private transient LongCounter duplicates;

    SkipRepeatedEventIds(Duration horizon) {
        this.horizonMillis = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        replayed = getRuntimeContext().getListState(
                new ListStateDescriptor<>("replayed", TypeInformation.of(IngestedClickEvent.class)));
        rawTimes = getRuntimeContext().getListState(new ListStateDescriptor<>("rawTimes", Types.LONG));
        accepted = getRuntimeContext().getLongCounter(ReparseRejected.ACCEPTED);
        duplicates = getRuntimeContext().getLongCounter(
                ReparseRejected.STILL_REJECTED + RejectReason.DUPLICATE_EVENT_ID.name());
    }

    @Override
    public void processElement1(IngestedClickEvent event, Context context, Collector<IngestedClickEvent> out)
            throws Exception {
        if (event.event().eventId() == null) {
            accepted.add(1L);
            out.collect(event);
            return;
        }
        replayed.add(event);
        context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    @Override
    public void processElement2(RawEventId raw, Context context, Collector<IngestedClickEvent> out) throws Exception {
        rawTimes.add(raw.eventTimeMillis());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<IngestedClickEvent> out) throws Exception {
        List<Long> kept = new ArrayList<>();
        rawTimes.get().forEach(kept::add);
        List<IngestedClickEvent> candidates = new ArrayList<>();
        replayed.get().forEach(candidates::add);
        candidates.sort(FIRST_WINS);
        for (IngestedClickEvent event : candidates) {
            long time = event.event().eventTime().toEpochMilli();
            if (kept.stream().anyMatch(other -> Math.abs(other - time) <= horizonMillis)) {
                duplicates.add(1L);
            } else {
                kept.add(time);
                accepted.add(1L);
                out.collect(event);
            }
        }
        replayed.clear();
        rawTimes.clear();
    }
}

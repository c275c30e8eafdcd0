package io.github.flinklakehouse.jobs.replay;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps only the rejected records whose source position is not in the raw table yet, so running the same
 * replay twice (or replaying a range that overlaps an earlier replay) never writes an event twice.
 *
 * <p>Keyed by {@link ReplayCandidate#positionKey()}; input 1 are candidates, input 2 the positions already in
 * {@code raw.clickstream_events}. The decision waits for the end of input (a timer at {@code Long.MAX_VALUE},
 * which fires at the end of each key in BATCH mode), because the two inputs arrive in no particular order.
 */
final class SkipAlreadyIngested extends KeyedCoProcessFunction<String, ReplayCandidate, String, ReplayCandidate> {

    private static final long serialVersionUID = 1L;

    private transient ValueState<ReplayCandidate> candidate;
    private transient ValueState<Boolean> ingested;

    @Override
    public void open(OpenContext openContext) {
        candidate = getRuntimeContext().getState(
                new ValueStateDescriptor<>("candidate", TypeInformation.of(ReplayCandidate.class)));
        ingested = getRuntimeContext().getState(new ValueStateDescriptor<>("ingested", Types.BOOLEAN));
    }

    @Override
    public void processElement1(ReplayCandidate rejected, Context context, Collector<ReplayCandidate> out)
            throws Exception {
        if (candidate.value() == null) { // a position rejected twice is still replayed once
            candidate.update(rejected);
            context.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
    }

    @Override
    public void processElement2(String position, Context context, Collector<ReplayCandidate> out) throws Exception {
        ingested.update(Boolean.TRUE);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<ReplayCandidate> out) throws Exception {
        ReplayCandidate pending = candidate.value();
        if (pending != null && ingested.value() == null) {
            out.collect(pending);
        }
        candidate.clear();
        ingested.clear();
    }
}

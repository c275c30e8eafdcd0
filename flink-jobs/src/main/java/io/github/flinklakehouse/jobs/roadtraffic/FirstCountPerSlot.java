package io.github.flinklakehouse.jobs.roadtraffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Lets the marts count each measurement once: the first count of a toll gate, direction, lane type, vehicle class
 * and slot ({@link #KEY}) goes on; a repeat (the API served the slot again, or a page repeated a record) becomes a
 * {@code DUPLICATE_COUNT} dead letter whose message says whether its amount differed. The raw table keeps every
 * polled record; only the marts skip repeats.
 *
 * <p>State per key is one boolean, cleared by an event-time timer at slot end + allowed lateness: a repeat after that
 * is late for the marts anyway. When two copies disagree, which one counts depends on arrival order (the stream and
 * a backfill agree whenever copies are identical, the usual case).
 */
public final class FirstCountPerSlot extends KeyedProcessFunction<String, TollgateTraffic, TollgateTraffic> {

    private static final long serialVersionUID = 1L;

    /** Side output of repeated counts. */
    public static final OutputTag<DeadLetter> DUPLICATES =
            new OutputTag<>("road-traffic-duplicate-counts", TypeInformation.of(DeadLetter.class));

    /** The measurement a count is of. */
    public static final KeySelector<TollgateTraffic, String> KEY = count -> count.unitCode() + '|' + count.inoutType()
            + '|' + count.tcsType() + '|' + count.carType() + '|' + count.tmType() + '|' + count.slotStart();

    /** Metric counting repeats. */
    public static final String DUPLICATE_COUNTS = "duplicateCounts";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final long allowedLatenessMillis;
    private transient ValueState<Long> counted;
    private transient Counter duplicates;

    public FirstCountPerSlot(Duration allowedLateness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("countedAmount", Types.LONG));
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_COUNTS);
    }

    @Override
    public void processElement(TollgateTraffic count, Context context, Collector<TollgateTraffic> out)
            throws Exception {
        Long first = counted.value();
        long amount = count.trafficAmount() == null ? -1 : count.trafficAmount();
        if (first == null) {
            counted.update(amount);
            context.timerService().registerEventTimeTimer(count.slotStart() + count.slotMillis() - 1
                    + allowedLatenessMillis);
            out.collect(count);
            return;
        }
        duplicates.inc();
        context.output(DUPLICATES, deadLetter(count, first == amount ? "the same amount"
                : "another amount (" + (first < 0 ? "none" : first) + " was counted)"));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<TollgateTraffic> out) {
        counted.clear();
    }

    private static DeadLetter deadLetter(TollgateTraffic count, String what) throws JsonProcessingException {
        return new DeadLetter(RoadTrafficRejectReason.DUPLICATE_COUNT.name(), "toll gate " + count.unitCode()
                + " inout " + count.inoutType() + " tcs " + count.tcsType() + " car " + count.carType() + " slot "
                + Instant.ofEpochMilli(count.slotStart()) + " was already counted, with " + what,
                MAPPER.writeValueAsBytes(count), count.source(), count.sourcePosition(),
                Instant.ofEpochMilli(count.ingestedAt()));
    }
}

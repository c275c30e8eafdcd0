package io.github.flinklakehouse.jobs.roadtraffic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.roadtraffic.marts.TrafficMartEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Projects counted toll-gate counts for the marts, each measurement ({@link #KEY}: toll gate, direction, lane type,
 * vehicle class, slot) once, with its gate's region from the dimension.
 *
 * <p>When a measurement arrives twice (the API served the slot again, a page repeated a record), the copy from the
 * latest poll wins, by its source position (window start, page, item): a re-poll corrects. If the later copy
 * arrives second, the earlier one is retracted from the marts (an event of weight -1 with its amount negated) and the
 * later one added; either way the losing copy becomes a {@code DUPLICATE_COUNT} dead letter (it stays in
 * {@code raw.tollgate_traffic}). The winner does not depend on arrival order, so a backfill (BATCH, where keyed input
 * is sorted) and the stream write the same marts.
 *
 * <p>A gate the dimension does not list flows on with region {@code unknown} and is counted
 * ({@value #UNKNOWN_TOLL_GATES}). State per key is the winning count, cleared by an event-time timer at slot end +
 * allowed lateness: a repeat after that is late for the marts anyway.
 */
public final class CountEachMeasurementOnce extends KeyedProcessFunction<String, TollgateTraffic, TrafficMartEvent> {

    private static final long serialVersionUID = 1L;

    /** Side output of the copies that lost. */
    public static final OutputTag<DeadLetter> DUPLICATES =
            new OutputTag<>("road-traffic-duplicate-counts", TypeInformation.of(DeadLetter.class));

    /** The measurement a count is of. */
    public static final KeySelector<TollgateTraffic, String> KEY = count -> count.unitCode() + '|' + count.inoutType()
            + '|' + count.tcsType() + '|' + count.carType() + '|' + count.tmType() + '|' + count.slotStart();

    /** Metric counting measurements of toll gates that are not in the dimension. */
    public static final String UNKNOWN_TOLL_GATES = "unknownTollGates";
    /** Metric counting copies that lost. */
    public static final String DUPLICATE_COUNTS = "duplicateCounts";

    /** Later polls win: by window start (ingested at its end), then page, then item. */
    static final Comparator<TollgateTraffic> POLL_ORDER = Comparator.comparingLong(TollgateTraffic::ingestedAt)
            .thenComparingLong(count -> positionPart(count, 1)).thenComparingLong(count -> positionPart(count, 2))
            .thenComparing(TollgateTraffic::sourcePosition);

    private static final Pattern PAGE_ITEM = Pattern.compile("/page (\\d{1,9})/item (\\d{1,9})$");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TollGateDirectory gates;
    private final long allowedLatenessMillis;
    private transient ValueState<TollgateTraffic> counted;
    private transient Counter unknown;
    private transient Counter duplicates;

    public CountEachMeasurementOnce(TollGateDirectory gates, Duration allowedLateness) {
        this.gates = gates;
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        counted = getRuntimeContext().getState(new ValueStateDescriptor<>("counted",
                TypeInformation.of(TollgateTraffic.class)));
        unknown = getRuntimeContext().getMetricGroup().counter(UNKNOWN_TOLL_GATES);
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATE_COUNTS);
    }

    @Override
    public void processElement(TollgateTraffic count, Context context, Collector<TrafficMartEvent> out)
            throws Exception {
        TollgateTraffic previous = counted.value();
        if (previous == null) {
            counted.update(count);
            context.timerService().registerEventTimeTimer(count.slotStart() + count.slotMillis() - 1
                    + allowedLatenessMillis);
            if (gates.gate(count.unitCode()).isEmpty()) {
                unknown.inc();
            }
            out.collect(event(count, 1));
            return;
        }
        duplicates.inc();
        if (POLL_ORDER.compare(count, previous) > 0) {
            out.collect(event(previous, -1));
            out.collect(event(count, 1));
            counted.update(count);
            context.output(DUPLICATES, deadLetter(previous, "replaced by the copy at " + count.sourcePosition()));
        } else {
            context.output(DUPLICATES, deadLetter(count, "the copy at " + previous.sourcePosition() + " counts"));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<TrafficMartEvent> out) {
        counted.clear();
    }

    private TrafficMartEvent event(TollgateTraffic count, int weight) {
        String region = gates.gate(count.unitCode()).map(TollGate::region).orElse(TollGate.UNKNOWN_REGION);
        Long amount = count.trafficAmount();
        return new TrafficMartEvent(count.slotStart(), count.unitCode(), region, count.inoutType(), count.tcsType(),
                count.carType(), amount == null ? 0L : weight * amount, amount != null, weight);
    }

    private static long positionPart(TollgateTraffic count, int group) {
        Matcher m = PAGE_ITEM.matcher(count.sourcePosition());
        return m.find() ? Long.parseLong(m.group(group)) : -1;
    }

    private static DeadLetter deadLetter(TollgateTraffic count, String what) throws JsonProcessingException {
        return new DeadLetter(RoadTrafficRejectReason.DUPLICATE_COUNT.name(), "toll gate " + count.unitCode()
                + " inout " + count.inoutType() + " tcs " + count.tcsType() + " car " + count.carType() + " slot "
                + Instant.ofEpochMilli(count.slotStart()) + " arrived more than once; not counted: " + what,
                MAPPER.writeValueAsBytes(count), count.source(), count.sourcePosition(),
                Instant.ofEpochMilli(count.ingestedAt()));
    }
}

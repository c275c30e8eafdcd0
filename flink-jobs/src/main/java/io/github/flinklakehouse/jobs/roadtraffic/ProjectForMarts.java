package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.jobs.roadtraffic.marts.TrafficMartEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Projects a counted toll-gate count to what the marts need, with its gate's region from the dimension; a gate the
 * dimension does not list flows on with region {@code unknown} and is counted ({@value #UNKNOWN_TOLL_GATES}).
 */
public final class ProjectForMarts extends RichMapFunction<TollgateTraffic, TrafficMartEvent> {

    private static final long serialVersionUID = 1L;

    /** Metric counting counts of toll gates that are not in the dimension. */
    public static final String UNKNOWN_TOLL_GATES = "unknownTollGates";

    private final TollGateDirectory gates;
    private transient Counter unknown;

    public ProjectForMarts(TollGateDirectory gates) {
        this.gates = gates;
    }

    @Override
    public void open(OpenContext openContext) {
        unknown = getRuntimeContext().getMetricGroup().counter(UNKNOWN_TOLL_GATES);
    }

    @Override
    public TrafficMartEvent map(TollgateTraffic count) {
        String region = gates.gate(count.unitCode()).map(TollGate::region).orElse(null);
        if (region == null) {
            unknown.inc();
            region = TollGate.UNKNOWN_REGION;
        }
        Long amount = count.trafficAmount();
        return new TrafficMartEvent(count.slotStart(), count.unitCode(), region, count.inoutType(), count.tcsType(),
                count.carType(), amount == null ? 0L : amount, amount != null);
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts dead letters of one operator: a total and one counter per {@link RejectReason}.
 *
 * <p>Per-reason counters live in the key/value group {@code reason=<REASON>} (a label in Prometheus, a
 * {@code reason.<REASON>.deadLettered} path in JMX and the web UI). All reasons are registered up front, so a
 * dashboard sees a zero instead of a missing series.
 */
public final class RejectMetrics {

    /** Metric counting every record an operator turned into a dead letter. */
    public static final String DEAD_LETTERED = "deadLettered";
    /** Key of the group holding one {@link #DEAD_LETTERED} counter per reason. */
    public static final String REASON_GROUP = "reason";

    private final Counter total;
    private final Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);

    private RejectMetrics(MetricGroup group) {
        total = group.counter(DEAD_LETTERED);
        for (RejectReason reason : RejectReason.values()) {
            byReason.put(reason, group.addGroup(REASON_GROUP, reason.name()).counter(DEAD_LETTERED));
        }
    }

    /** Registers the counters in {@code group}. */
    public static RejectMetrics register(MetricGroup group) {
        return new RejectMetrics(group);
    }

    /** Counts one dead letter with {@code reason}. */
    public void count(RejectReason reason) {
        total.inc();
        byReason.get(reason).inc();
    }
}

package io.github.flinklakehouse.jobs.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class RejectMetricsTest {

    @Test
    void countsATotalAndOneCounterPerReason() {
        MetricListener listener = new MetricListener();
        RejectMetrics metrics = RejectMetrics.register(listener.getMetricGroup());

        metrics.count(RejectReason.NOT_JSON);
        metrics.count(RejectReason.NOT_JSON);
        metrics.count(RejectReason.DUPLICATE_EVENT_ID);

        assertThat(listener.getCounter(RejectMetrics.DEAD_LETTERED)).get().extracting(Counter::getCount).isEqualTo(3L);
        for (RejectReason reason : RejectReason.values()) {
            long expected = reason == RejectReason.NOT_JSON ? 2 : reason == RejectReason.DUPLICATE_EVENT_ID ? 1 : 0;
            assertThat(listener.getCounter(RejectMetrics.REASON_GROUP, reason.name(), RejectMetrics.DEAD_LETTERED))
                    .as(reason.name()).get().extracting(Counter::getCount).isEqualTo(expected);
        }
    }
}

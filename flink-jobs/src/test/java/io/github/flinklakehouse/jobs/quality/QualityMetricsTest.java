package io.github.flinklakehouse.jobs.quality;

import static io.github.flinklakehouse.jobs.quality.QualityEvents.FIELDS;
import static io.github.flinklakehouse.jobs.quality.QualityEvents.event;
import static io.github.flinklakehouse.jobs.quality.QualityEvents.rules;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

/** The per-rule counters (web UI {@code rule.<name>.checked|passed|failed}) as the verdicts count them. */
class QualityMetricsTest {

    @Test
    void countsCheckedPassedAndFailedPerRuleRegisteredUpFront() {
        QualityRules rules = rules("price_range = price range 0..100 -> drop", "never_used = brand not-null -> warn");
        MetricListener listener = new MetricListener();
        QualityMetrics metrics = QualityMetrics.register(listener.getMetricGroup(), rules.rules());
        RuleVerdicts verdicts = new RuleVerdicts();
        List<QualityOutcome> outcomes = new ArrayList<>();
        QualityRule priceRange = rules.rules().get(0);

        for (String price : List.of("1.00", "100.00", "100.01")) {
            IngestedClickEvent record = event(0, EventType.VIEW, 1, price, null, null, 1);
            verdicts.reset();
            boolean passed = priceRange.check().passes(record.event().price(), 0);
            verdicts.judge(priceRange, record, record.event().price(), passed, FIELDS, metrics, outcomes::add);
        }

        assertThat(count(listener, "price_range", QualityMetrics.CHECKED)).isEqualTo(3);
        assertThat(count(listener, "price_range", QualityMetrics.PASSED)).isEqualTo(2);
        assertThat(count(listener, "price_range", QualityMetrics.FAILED)).isEqualTo(1);
        assertThat(count(listener, "never_used", QualityMetrics.CHECKED)).isZero();
        assertThat(verdicts.dropped()).isTrue();
        assertThat(outcomes).extracting(QualityOutcome::passed).containsExactly(true, true, false);
    }

    private static long count(MetricListener listener, String rule, String counter) {
        return listener.getCounter(QualityMetrics.RULE_GROUP, rule, counter).map(Counter::getCount).orElseThrow();
    }
}

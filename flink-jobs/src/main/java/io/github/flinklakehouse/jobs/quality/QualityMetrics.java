package io.github.flinklakehouse.jobs.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * The per-rule counters of one quality operator, in the key/value group {@code rule=<name>} (a label in Prometheus,
 * {@code rule.<name>.checked} in the web UI): records checked, passed and failed. Registered up front, so a
 * dashboard sees a zero instead of a missing series.
 */
public final class QualityMetrics {

    /** Key of the group holding one rule's counters. */
    public static final String RULE_GROUP = "rule";
    public static final String CHECKED = "checked";
    public static final String PASSED = "passed";
    public static final String FAILED = "failed";

    private final Map<String, Counter[]> byRule = new HashMap<>();

    private QualityMetrics(MetricGroup group, List<QualityRule> rules) {
        for (QualityRule rule : rules) {
            MetricGroup ruleGroup = group.addGroup(RULE_GROUP, rule.name());
            byRule.put(rule.name(), new Counter[] {
                    ruleGroup.counter(CHECKED), ruleGroup.counter(PASSED), ruleGroup.counter(FAILED)});
        }
    }

    /** Registers the counters of {@code rules} in {@code group}. */
    public static QualityMetrics register(MetricGroup group, List<QualityRule> rules) {
        return new QualityMetrics(group, rules);
    }

    /** Counts one record {@code rule} checked. */
    public void count(QualityRule rule, boolean passed) {
        Counter[] counters = byRule.get(rule.name());
        counters[0].inc();
        counters[passed ? 1 : 2].inc();
    }
}

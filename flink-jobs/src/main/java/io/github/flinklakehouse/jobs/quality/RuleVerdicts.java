package io.github.flinklakehouse.jobs.quality;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.OutputTag;

/**
 * Acts on the verdicts of the rules on one record, the same way in every quality operator: counts each, emits its
 * {@link QualityOutcome}, stops the job on a failed {@code fail} rule, and turns a record that failed {@code drop}
 * rules into one {@code QUALITY_RULE} dead letter naming them.
 */
public final class RuleVerdicts {

    /** The dead-letter reason of a record a rule dropped (the rules are named in the message). */
    public static final String REASON = "QUALITY_RULE";

    /** Side output of the dead letters of dropped records. */
    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("quality-dead-letters") { };
    /** Side output of every check's outcome, for {@code data_quality_daily}. */
    static final OutputTag<QualityOutcome> OUTCOMES = new OutputTag<>("quality-outcomes") { };

    private final List<String> dropped = new ArrayList<>();

    /** Records {@code rule}'s verdict on {@code record}; throws when a {@code fail} rule failed. */
    <T> void judge(QualityRule rule, T record, Object value, boolean passed, QualityFields<T> fields,
            QualityMetrics metrics, Outputs outputs) {
        metrics.count(rule, passed);
        outputs.outcome(new QualityOutcome(fields.eventTime(record), rule.name(), passed));
        if (passed) {
            return;
        }
        switch (rule.action()) {
            case FAIL -> throw QualityRuleFailure.of(rule, value, fields.sample(record));
            case DROP -> dropped.add("[" + rule.name() + "] " + rule.field() + " = " + QualityCheck.text(value)
                    + " does not pass '" + rule.declaration() + "'");
            case WARN -> { }
        }
    }

    /** Whether a {@code drop} rule failed since the last {@link #reset}. */
    boolean dropped() {
        return !dropped.isEmpty();
    }

    /** The dead letter of a dropped record, every failed drop rule in its message. */
    <T> DeadLetter deadLetter(T record, QualityFields<T> fields) {
        return fields.deadLetter(record, REASON, "Dropped by data-quality rule " + String.join("; ", dropped));
    }

    void reset() {
        dropped.clear();
    }

    /** Where an operator's outcomes go. */
    interface Outputs {
        void outcome(QualityOutcome outcome);
    }
}

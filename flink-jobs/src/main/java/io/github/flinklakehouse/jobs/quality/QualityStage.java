package io.github.flinklakehouse.jobs.quality;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Adds a pipeline's data-quality rules after its parsing and watermarks, before anything is written.
 *
 * <pre>
 *  events ──> row rules (chained), uid &lt;pipeline&gt;.quality.rows.v1 ──┬─ dropped: dead letters
 *     │                                                               └─ outcomes
 *     ├─keyBy(value)─> one keyed rule, uid &lt;pipeline&gt;.quality.&lt;rule&gt;.v1 ─┬─ dropped: dead letters
 *     │  (per unique / seen-before rule, in declaration order)              └─ outcomes
 *     v
 *  passed events (same watermarks)
 * </pre>
 *
 * @param <T> the pipeline's record type
 */
public final class QualityStage<T> {

    private final String pipeline;
    private final QualityRules rules;
    private final QualityFields<T> fields;
    private final TypeInformation<T> type;

    /**
     * @param pipeline prefixes the operators' uids
     * @param rules the declared rules (none: {@link #addTo} returns the events as they are)
     * @param fields how the rules read a record
     * @param type the record type
     */
    public QualityStage(String pipeline, QualityRules rules, QualityFields<T> fields, TypeInformation<T> type) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The uid of the row rules' operator. */
    public String rowsUid() {
        return pipeline + ".quality.rows.v1";
    }

    /** The uid of a keyed rule's operator. */
    public String ruleUid(QualityRule rule) {
        return pipeline + ".quality." + rule.name().replace('_', '-') + ".v1";
    }

    /** Adds the rules after {@code events}. */
    public Checked<T> addTo(DataStream<T> events) {
        if (rules.isEmpty()) {
            return new Checked<>(events, List.of(), null);
        }
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        DataStream<QualityOutcome> outcomes = null;
        DataStream<T> passed = events;
        if (!rules.rowRules().isEmpty()) {
            SingleOutputStreamOperator<T> checked = passed
                    .process(new CheckRowRules<>(rules.rowRules(), rules.gates(), fields), type)
                    .uid(rowsUid())
                    .name("Data-quality rules " + names(rules.rowRules()));
            deadLetters.add(checked.getSideOutput(RuleVerdicts.DEAD_LETTERS));
            outcomes = checked.getSideOutput(RuleVerdicts.OUTCOMES);
            passed = checked;
        }
        for (QualityRule rule : rules.keyedRules()) {
            SingleOutputStreamOperator<T> checked = passed
                    .keyBy(CheckKeyedRule.keyOf(rule, fields), Types.STRING)
                    .process(new CheckKeyedRule<>(rule, fields, type), type)
                    .uid(ruleUid(rule))
                    .name("Data-quality rule " + rule.name());
            deadLetters.add(checked.getSideOutput(RuleVerdicts.DEAD_LETTERS));
            DataStream<QualityOutcome> more = checked.getSideOutput(RuleVerdicts.OUTCOMES);
            outcomes = outcomes == null ? more : outcomes.union(more);
            passed = checked;
        }
        // Without a counted rule (a backfill's key gates only) there is nothing for data_quality_daily.
        boolean counted = rules.rules().stream().anyMatch(rule -> !rules.gates().contains(rule.name()));
        return new Checked<>(passed, deadLetters, counted ? outcomes : null);
    }

    private static String names(List<QualityRule> rules) {
        return String.join(", ", rules.stream().map(QualityRule::name).toList());
    }

    /**
     * What the stage hands on.
     *
     * @param passed the records no {@code drop} rule failed
     * @param deadLetters the dropped records, reason {@code QUALITY_RULE}
     * @param outcomes every check's outcome (for {@code data_quality_daily}), or {@code null} without rules
     * @param <T> the record type
     */
    public record Checked<T>(DataStream<T> passed, List<DataStream<DeadLetter>> deadLetters,
            DataStream<QualityOutcome> outcomes) {
    }
}

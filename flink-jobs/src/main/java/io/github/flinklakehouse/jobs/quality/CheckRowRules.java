package io.github.flinklakehouse.jobs.quality;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges every record by the rules that need only the record itself (not null, range, allowed values, regex,
 * freshness); passes it on unless a {@code drop} rule failed. Stateless, so it chains to the step before it.
 *
 * @param <T> the pipeline's record type
 */
public final class CheckRowRules<T> extends ProcessFunction<T, T> {

    private static final long serialVersionUID = 1L;

    private final List<QualityRule> rules;
    private final Set<String> gates;
    private final QualityFields<T> fields;

    private transient QualityMetrics metrics;
    private transient RuleVerdicts verdicts;

    public CheckRowRules(List<QualityRule> rules, QualityFields<T> fields) {
        this(rules, Set.of(), fields);
    }

    /** @param gates rules that guard the run but whose outcomes {@code data_quality_daily} does not count */
    public CheckRowRules(List<QualityRule> rules, Set<String> gates, QualityFields<T> fields) {
        this.rules = List.copyOf(rules);
        this.gates = Set.copyOf(gates);
        this.fields = Objects.requireNonNull(fields, "fields");
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = QualityMetrics.register(getRuntimeContext().getMetricGroup(), rules);
        verdicts = new RuleVerdicts();
    }

    @Override
    public void processElement(T record, Context context, Collector<T> out) {
        verdicts.reset();
        for (QualityRule rule : rules) {
            if (!rule.appliesTo(record, fields)) {
                continue;
            }
            Object value = fields.value(record, rule.field());
            if (value == null && !(rule.check() instanceof QualityCheck.NotNull)) {
                continue;
            }
            boolean passed = rule.check().passes(value, fields.receivedAt(record));
            verdicts.judge(rule, record, value, passed, fields, metrics, gates.contains(rule.name())
                    ? outcome -> { } : outcome -> context.output(RuleVerdicts.OUTCOMES, outcome));
        }
        if (verdicts.dropped()) {
            context.output(RuleVerdicts.DEAD_LETTERS, verdicts.deadLetter(record, fields));
        } else {
            out.collect(record);
        }
    }
}

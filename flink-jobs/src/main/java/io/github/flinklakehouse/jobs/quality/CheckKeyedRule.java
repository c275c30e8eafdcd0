package io.github.flinklakehouse.jobs.quality;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges records by one rule that compares a record with the earlier records of the same value, keyed by that value:
 * {@code unique} (no other record of the value within the window) or {@code seen-before} (the value appeared at most
 * the window before). Records whose value is {@code null} share one key and are not checked.
 *
 * <p>State per value: the first and the latest event time seen, of records passed on (a dropped record does not
 * count as seen). An event-time timer clears it once the latest is a window old, so state is bounded by the distinct
 * values of one window. "Earlier" is event time: in BATCH a key's records arrive sorted by event time; in STREAMING
 * they arrive in arrival order, which differs only for records out of order by more than their distance.
 *
 * @param <T> the pipeline's record type
 */
public final class CheckKeyedRule<T> extends KeyedProcessFunction<String, T, T> {

    private static final long serialVersionUID = 1L;

    /** The key of records without a value. */
    static final String NO_VALUE = "\u0000";

    private final QualityRule rule;
    private final QualityFields<T> fields;
    private final long window;

    private transient ValueState<Long> first;
    private transient ValueState<Long> latest;
    private transient QualityMetrics metrics;
    private transient RuleVerdicts verdicts;

    public CheckKeyedRule(QualityRule rule, QualityFields<T> fields) {
        if (!rule.check().keyed()) {
            throw new IllegalArgumentException(rule.name() + " is a row rule");
        }
        this.rule = rule;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.window = rule.check() instanceof QualityCheck.Unique unique
                ? unique.window().toMillis() : ((QualityCheck.SeenBefore) rule.check()).window().toMillis();
    }

    /** The key of a record: its value as text. */
    public static <T> KeySelector<T, String> keyOf(QualityRule rule, QualityFields<T> fields) {
        return record -> {
            Object value = fields.value(record, rule.field());
            return value == null ? NO_VALUE : QualityCheck.text(value);
        };
    }

    @Override
    public void open(OpenContext openContext) {
        first = getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Types.LONG));
        latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest-seen", Types.LONG));
        metrics = QualityMetrics.register(getRuntimeContext().getMetricGroup(), List.of(rule));
        verdicts = new RuleVerdicts();
    }

    @Override
    public void processElement(T record, Context context, Collector<T> out) throws Exception {
        if (NO_VALUE.equals(context.getCurrentKey())) {
            out.collect(record);
            return;
        }
        verdicts.reset();
        long time = fields.eventTime(record);
        Long firstSeen = first.value();
        Long latestSeen = latest.value();
        if (rule.appliesTo(record, fields)) {
            boolean passed = rule.check() instanceof QualityCheck.Unique
                    ? latestSeen == null || Math.abs(time - latestSeen) >= window
                    : firstSeen != null && firstSeen <= time && latestSeen >= time - window;
            verdicts.judge(rule, record, context.getCurrentKey(), passed, fields, metrics,
                    outcome -> context.output(RuleVerdicts.OUTCOMES, outcome));
        }
        if (verdicts.dropped()) {
            context.output(RuleVerdicts.DEAD_LETTERS, verdicts.deadLetter(record, fields));
            return;
        }
        first.update(firstSeen == null ? time : Math.min(firstSeen, time));
        long newLatest = latestSeen == null ? time : Math.max(latestSeen, time);
        latest.update(newLatest);
        context.timerService().registerEventTimeTimer(expiry(newLatest));
        out.collect(record);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<T> out) throws Exception {
        Long latestSeen = latest.value();
        if (latestSeen != null && expiry(latestSeen) <= timestamp) {
            first.clear();
            latest.clear();
        }
    }

    /** When a value seen last at {@code latestSeen} no longer matters to any record the watermark still lets in. */
    private long expiry(long latestSeen) {
        return latestSeen > Long.MAX_VALUE - window ? Long.MAX_VALUE : latestSeen + window;
    }
}

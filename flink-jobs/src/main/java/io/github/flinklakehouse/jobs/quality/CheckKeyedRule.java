package io.github.flinklakehouse.jobs.quality;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Judges records by one rule that compares a record with the earlier records of the same value, keyed by that value:
 * {@code unique} (no other record of the value within the window) or {@code seen-before} (the value appeared at most
 * the window before). Records whose value is {@code null} share one key and are passed on unchecked.
 *
 * <p>"Earlier" is event time, so the verdicts are the same in STREAMING and BATCH: a record waits in state until the
 * watermark passes its event time (the stream's out-of-orderness, no more), then the waiting records are judged in
 * event-time order (records of one instant in arrival order). A record that arrives behind the watermark is judged
 * at the next watermark. State per value besides the waiting records: the first and the latest event time of the
 * records passed on (a dropped record does not count as seen); an event-time timer clears them once the latest is a
 * window old, so state is bounded by the distinct values of one window.
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

    private final TypeInformation<T> type;

    private transient MapState<Long, List<T>> waiting;
    private transient ValueState<Long> first;
    private transient ValueState<Long> latest;
    private transient QualityMetrics metrics;
    private transient RuleVerdicts verdicts;

    public CheckKeyedRule(QualityRule rule, QualityFields<T> fields, TypeInformation<T> type) {
        if (!rule.check().keyed()) {
            throw new IllegalArgumentException(rule.name() + " is a row rule");
        }
        this.rule = rule;
        this.fields = Objects.requireNonNull(fields, "fields");
        this.type = Objects.requireNonNull(type, "type");
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
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                new ListTypeInfo<>(type)));
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
        long time = fields.eventTime(record);
        List<T> atTime = waiting.get(time);
        List<T> more = atTime == null ? new ArrayList<>() : new ArrayList<>(atTime);
        more.add(record);
        waiting.put(time, more);
        context.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<T> out) throws Exception {
        List<T> due = waiting.get(timestamp);
        if (due != null) {
            waiting.remove(timestamp);
            for (T record : due) {
                judge(record, context, out);
            }
        }
        Long latestSeen = latest.value();
        if (latestSeen != null && expiry(latestSeen) <= timestamp) {
            first.clear();
            latest.clear();
        }
    }

    private void judge(T record, OnTimerContext context, Collector<T> out) throws Exception {
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

    /** When a value seen last at {@code latestSeen} no longer matters to any record the watermark still lets in. */
    private long expiry(long latestSeen) {
        return latestSeen > Long.MAX_VALUE - window ? Long.MAX_VALUE : latestSeen + window;
    }
}

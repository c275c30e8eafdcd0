package io.github.flinklakehouse.jobs.marts.engine;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * The marts of one pipeline, declared once and computed by one engine in STREAMING and BATCH alike: grouped
 * {@link Aggregation}s written as tables, ranked ({@link TopN}) or rolled up into groups that never close
 * ({@link Rollup}) or compared with their groups' earlier periods ({@link Trailing}), {@link KeyedMart}s keyed by a
 * dimension, and optionally {@code pipeline_freshness}.
 *
 * <pre>
 *  events (compact, on time) ──> pre-aggregate, in every subtask, chained (no event crosses the network):
 *     │  uid &lt;pipeline&gt;.marts.pre-aggregate.v2   event measures per key ─────────────────── partials ──┐
 *     │                                          per user / session / product: its keys + flags, and     │
 *     │                                          the keyed marts' partials (one ValueBatch per value)    │
 *     ├─keyBy(user)────> by-user:    distinct users of every aggregation ─────────────────── partials ──┤
 *     ├─keyBy(session)─> by-session: distinct sessions, keyed marts (sessions) ── rows, dead letters    │
 *     ├─keyBy(product)─> by-product: distinct products ────────────────────────────────────── partials ──┤
 *     │  uid &lt;pipeline&gt;.marts.by-&lt;dimension&gt;.v2  (one batch per value and flush, not per event)          │
 *     └─> progress probe ─> pipeline_freshness (parallelism 1) &lt;── late event times                    │
 *                                                                                                      │
 *  per aggregation: union of its partials ─keyBy(key)─> final: absolute values, early and final rows ◄─┘
 *     uid &lt;pipeline&gt;.marts.&lt;aggregation&gt;.v2 ──> sink, or ─keyBy(group)─> top N ─> sink
 *                                                 uid &lt;pipeline&gt;.marts.&lt;aggregation&gt;.rank.v2
 *                                            or ─keyBy(group)─> roll-up of the keys into groups ─> sink
 *                                                 uid &lt;pipeline&gt;.marts.&lt;aggregation&gt;.rollup.v2
 *                                            or ─keyBy(group)─> each key beside its group's earlier periods ─> sink
 *                                                 uid &lt;pipeline&gt;.marts.&lt;aggregation&gt;.trailing.v2
 * </pre>
 *
 * <p>Only combined values cross the network: one partial per key and flush to an aggregation's final stage, one
 * {@link ValueBatch} per dimension value and flush to the dimension's stage (a map-side combine: a session of seven
 * events travels once), so a key like the hour never funnels every event into one subtask and no stage sees every
 * event. Every stage flushes its buffers before it forwards a watermark that could close a buffered key, so a key's
 * final stage has everything before the watermark that closes the key. Sinks keep the uid
 * {@code <pipeline>.<table>-sink.v1} (with dashes), independent of the computation's version.
 *
 * @param <P> the marts' event type: compact, one per counted event
 */
public final class MartSet<P> {

    /** Version suffix of every computing operator's uid: state of an older layout is never restored into it. */
    public static final String VERSION = "v2";

    private final String pipeline;
    private final TypeInformation<P> eventType;
    private final EventFunctions.ToLong<P> eventTime;
    private final List<TableOutput<P, ?, ?>> tableOutputs;
    private final List<RankedOutput<P, ?, ?, ?, ?, ?>> rankedOutputs;
    private final List<KeyedOutput<P, ?, ?>> keyedOutputs;
    private final List<RolledUpOutput<P, ?, ?, ?>> rolledUpOutputs;
    private final List<TrailingOutput<P, ?, ?, ?, ?>> trailingOutputs;
    private final List<Aggregation<P, ?>> aggregations;
    private final List<MartTable<?>> declaredTables;
    private final boolean freshness;

    private MartSet(Builder<P> builder) {
        this.pipeline = builder.pipeline;
        this.eventType = builder.eventType;
        this.eventTime = builder.eventTime;
        this.tableOutputs = List.copyOf(builder.tableOutputs);
        this.rankedOutputs = List.copyOf(builder.rankedOutputs);
        this.keyedOutputs = List.copyOf(builder.keyedOutputs);
        this.rolledUpOutputs = List.copyOf(builder.rolledUpOutputs);
        this.trailingOutputs = List.copyOf(builder.trailingOutputs);
        this.aggregations = List.copyOf(builder.aggregations);
        this.declaredTables = List.copyOf(builder.tables);
        this.freshness = builder.freshness;
    }

    /**
     * Starts the marts of {@code pipeline} (it prefixes every uid) over events of {@code eventType}, whose event
     * time (epoch millis) {@code eventTime} reads.
     */
    public static <P> Builder<P> builder(String pipeline, TypeInformation<P> eventType, EventFunctions.ToLong<P> eventTime) {
        return new Builder<>(pipeline, eventType, eventTime);
    }

    /** Every table these marts write, in declaration order ({@code pipeline_freshness} last). */
    public List<MartTable<?>> tables() {
        List<MartTable<?>> tables = new ArrayList<>(declaredTables);
        if (freshness) {
            tables.add(PipelineFreshness.TABLE);
        }
        return tables;
    }

    /**
     * Adds every mart's operators and sinks after {@code inputs}.
     *
     * @return dead letters of what a stage refused: events of a final keyed-mart row, partials that would overflow a
     *     sum (the pipeline writes them to its rejected table)
     */
    public List<DataStream<DeadLetter>> addTo(MartInputs<P> inputs, MartSinks sinks) {
        MartEngineSettings settings = inputs.settings();
        long lateness = settings.allowedLateness().toMillis();
        long flush = settings.flushInterval().toMillis();
        // A batch job's buffers flush only when full and at the end of input: larger batches combine more, and
        // nobody watches a batch job's rows before it ends.
        boolean intervalFlush = inputs.events().get(0).getExecutionEnvironment().getConfiguration()
                .get(ExecutionOptions.RUNTIME_MODE) != RuntimeExecutionMode.BATCH;
        List<Aggregation<P, ?>> aggregations = aggregations();

        List<DimensionPlan<P, ?>> plans = dimensionPlans(aggregations);
        Map<String, List<DataStream<Tuple2<?, long[]>>>> partials = new LinkedHashMap<>();
        Map<String, List<DataStream<ValueBatch<?>>>> batches = new LinkedHashMap<>();
        DataStream<FreshnessSignal> progress = null;
        for (int branch = 0; branch < inputs.events().size(); branch++) {
            String suffix = branch == 0 ? "" : "-" + (branch + 1);
            SingleOutputStreamOperator<P> branchEvents = inputs.events().get(branch)
                    .transform("Pre-aggregate marts", eventType, new PreAggregateOperator<>(
                            aggregations.stream().filter(Aggregation::hasEventMeasures).toList(), plans, eventTime,
                            intervalFlush ? flush : 0, lateness, settings.maxBufferedKeys()))
                    .uid(uid("marts.pre-aggregate" + suffix));
            for (Aggregation<P, ?> aggregation : aggregations) {
                if (aggregation.hasEventMeasures()) {
                    addPartials(partials, aggregation, branchEvents);
                }
            }
            for (DimensionPlan<P, ?> plan : plans) {
                addBatches(batches, plan, branchEvents);
            }
            if (freshness) {
                DataStream<FreshnessSignal> probe = progressProbe(branchEvents, suffix);
                progress = progress == null ? probe : progress.union(probe);
            }
        }

        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        Map<String, SingleOutputStreamOperator<Void>> stages = new LinkedHashMap<>();
        for (DimensionPlan<P, ?> plan : plans) {
            Dimension<P, ?> dimension = plan.dimension();
            SingleOutputStreamOperator<Void> stage = addDimensionStage(batches.get(dimension.name()), plan, lateness,
                    flush, intervalFlush, settings.maxBufferedCounts());
            stages.put(dimension.name(), stage);
            for (DimensionPlan.Counted<P, ?> counted : plan.counting()) {
                addPartials(partials, counted.aggregation(), stage);
            }
            if (!plan.marts().isEmpty()) {
                deadLetters.add(stage.getSideOutput(deadLettersTag(dimension)));
            }
        }

        for (TableOutput<P, ?, ?> output : tableOutputs) {
            deadLetters.add(addTable(output, partials, lateness, flush, sinks));
        }
        for (RankedOutput<P, ?, ?, ?, ?, ?> output : rankedOutputs) {
            deadLetters.add(addRanked(output, partials, lateness, flush, sinks));
        }
        for (RolledUpOutput<P, ?, ?, ?> output : rolledUpOutputs) {
            deadLetters.add(addRolledUp(output, partials, lateness, flush, sinks));
        }
        for (TrailingOutput<P, ?, ?, ?, ?> output : trailingOutputs) {
            deadLetters.add(addTrailing(output, partials, lateness, flush, sinks));
        }
        for (KeyedOutput<P, ?, ?> output : keyedOutputs) {
            addKeyed(output, stages.get(output.dimension().name()), sinks);
        }
        if (freshness) {
            addFreshness(inputs, progress, sinks);
        }
        return deadLetters;
    }

    /** The uid {@code <pipeline>.<stage>.v2} of a computing stage. */
    public String uid(String stage) {
        return pipeline + "." + stage + "." + VERSION;
    }

    /** The uid {@code <pipeline>.<table with dashes>-sink.v1} of a table's sink. */
    public String sinkUid(MartTable<?> table) {
        return pipeline + "." + table.name().replace('_', '-') + "-sink.v1";
    }

    /** The side output on which a stage emits an aggregation's partial values. */
    static <K> OutputTag<Tuple2<K, long[]>> partialsTag(Aggregation<?, K> aggregation) {
        return new OutputTag<>("partials-" + aggregation.name(), aggregation.partialType());
    }

    /** The dead-letter reason of what a mart refused because it would overflow a 64-bit sum of its key. */
    public static final String SUM_OVERFLOW = "SUM_OVERFLOW";

    /** The side output on which an aggregation's final stage emits the partials it refused (sum overflow). */
    static OutputTag<DeadLetter> overflowTag(Aggregation<?, ?> aggregation) {
        return new OutputTag<>("overflow-" + aggregation.name(), TypeInformation.of(DeadLetter.class));
    }

    /** The side output on which a dimension's stage emits the dead letters of its keyed marts. */
    static OutputTag<DeadLetter> deadLettersTag(Dimension<?, ?> dimension) {
        return new OutputTag<>("dead-letters-" + dimension.name(), TypeInformation.of(DeadLetter.class));
    }

    /** The side output on which a dimension's stage emits a keyed mart's rows. */
    static <R> OutputTag<R> rowsTag(KeyedMart<?, ?, ?, R> mart, TypeInformation<R> rowType) {
        return new OutputTag<>("rows-" + mart.name(), rowType);
    }

    /**
     * Every aggregation in declaration order. A dimension stage's state ({@link Memberships}) names aggregations by
     * their index in this order, so a new mart is declared after the existing ones: their restored state keeps its
     * meaning.
     */
    private List<Aggregation<P, ?>> aggregations() {
        return aggregations;
    }

    /** The plan of every dimension some aggregation counts or some keyed mart is keyed by, in first-use order. */
    private List<DimensionPlan<P, ?>> dimensionPlans(List<Aggregation<P, ?>> aggregations) {
        Map<String, Dimension<P, ?>> dimensions = new LinkedHashMap<>();
        for (Aggregation<P, ?> aggregation : aggregations) {
            for (DistinctOver<P, ?> over : aggregation.distincts()) {
                dimensions.putIfAbsent(over.dimension().name(), over.dimension());
            }
        }
        keyedOutputs.forEach(output -> dimensions.putIfAbsent(output.dimension().name(), output.dimension()));
        List<DimensionPlan<P, ?>> plans = new ArrayList<>();
        for (Dimension<P, ?> dimension : dimensions.values()) {
            plans.add(plan(dimension, aggregations));
        }
        return plans;
    }

    /** The stage plan of {@code dimension}: what the job's stage keyed by it counts and hosts. */
    <V> DimensionPlan<P, V> stagePlan(Dimension<P, V> dimension) {
        return plan(dimension, aggregations);
    }

    private <V> DimensionPlan<P, V> plan(Dimension<P, V> dimension, List<Aggregation<P, ?>> aggregations) {
        List<DimensionPlan.Hosted<P, V, ?, ?>> marts = new ArrayList<>();
        for (KeyedOutput<P, ?, ?> output : keyedOutputs) {
            if (output.dimension().name().equals(dimension.name())) {
                marts.add(typed(output, dimension).hosted());
            }
        }
        return DimensionPlan.of(dimension, aggregations, marts);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <V> void addBatches(Map<String, List<DataStream<ValueBatch<?>>>> batches, DimensionPlan<?, V> plan,
            SingleOutputStreamOperator<?> stage) {
        DataStream<ValueBatch<V>> stream = stage.getSideOutput(plan.batchesTag());
        batches.computeIfAbsent(plan.dimension().name(), name -> new ArrayList<>()).add((DataStream) stream);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K> void addPartials(Map<String, List<DataStream<Tuple2<?, long[]>>>> partials,
            Aggregation<?, K> aggregation, SingleOutputStreamOperator<?> stage) {
        DataStream<Tuple2<K, long[]>> stream = stage.getSideOutput(partialsTag(aggregation));
        partials.computeIfAbsent(aggregation.name(), name -> new ArrayList<>()).add((DataStream) stream);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K> DataStream<Tuple2<K, long[]>> unionOf(Map<String, List<DataStream<Tuple2<?, long[]>>>> partials,
            Aggregation<?, K> aggregation) {
        List<DataStream<Tuple2<?, long[]>>> streams = partials.get(aggregation.name());
        DataStream<Tuple2<K, long[]>> union = (DataStream) streams.get(0);
        for (DataStream<Tuple2<?, long[]>> more : streams.subList(1, streams.size())) {
            union = union.union((DataStream) more);
        }
        return union;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <V> SingleOutputStreamOperator<Void> addDimensionStage(List<DataStream<ValueBatch<?>>> branches,
            DimensionPlan<P, V> plan, long lateness, long flush, boolean intervalFlush, int maxBufferedCounts) {
        DataStream<ValueBatch<V>> batches = (DataStream) branches.get(0);
        for (DataStream<ValueBatch<?>> more : branches.subList(1, branches.size())) {
            batches = batches.union((DataStream) more);
        }
        Dimension<P, V> dimension = plan.dimension();
        return batches
                .keyBy(new ValueBatch.ValueOf<>(), dimension.type())
                .transform("Marts by " + dimension.name(), Types.VOID, new DimensionStageOperator<>(plan, lateness,
                        flush, intervalFlush, maxBufferedCounts))
                .uid(uid("marts.by-" + dimension.name()));
    }

    @SuppressWarnings("unchecked")
    private static <P, V> KeyedOutput<P, V, ?> typed(KeyedOutput<P, ?, ?> output, Dimension<P, V> dimension) {
        return (KeyedOutput<P, V, ?>) output;
    }

    /** Adds a table's final stage and sink; returns the dead letters of the partials it refused. */
    private <K, R> DataStream<DeadLetter> addTable(TableOutput<P, K, R> output,
            Map<String, List<DataStream<Tuple2<?, long[]>>>> partials, long lateness, long flush, MartSinks sinks) {
        SingleOutputStreamOperator<R> rows = finalStage(output.aggregation(), output.row(), output.rowType(), partials,
                lateness, flush);
        sinks.sinkFor(output.table()).bind(rows, sinkUid(output.table()), output.table().name() + " upsert sink");
        return rows.getSideOutput(overflowTag(output.aggregation()));
    }

    /** Adds a ranked table's final stage, ranker and sink; returns the dead letters of the partials it refused. */
    private <K, I, G, E, R> DataStream<DeadLetter> addRanked(RankedOutput<P, K, I, G, E, R> output,
            Map<String, List<DataStream<Tuple2<?, long[]>>>> partials, long lateness, long flush, MartSinks sinks) {
        SingleOutputStreamOperator<I> entries = finalStage(output.aggregation(), output.entry(), output.entryType(),
                partials, lateness, flush);
        TopN<I, G, E, R> topN = output.topN();
        SingleOutputStreamOperator<R> ranked = entries
                .keyBy(topN.group(), topN.groupType())
                .process(new TopNRanker<>(topN, output.entryType(), lateness, flush), output.rowType())
                .uid(uid("marts." + output.aggregation().name() + ".rank"))
                .name("Rank " + output.table().name());
        sinks.sinkFor(output.table()).bind(ranked, sinkUid(output.table()), output.table().name() + " upsert sink");
        return entries.getSideOutput(overflowTag(output.aggregation()));
    }

    /** Adds a rolled-up table's final stage, roll-up and sink; returns the dead letters of the partials it refused. */
    private <K, G, R> DataStream<DeadLetter> addRolledUp(RolledUpOutput<P, K, G, R> output,
            Map<String, List<DataStream<Tuple2<?, long[]>>>> partials, long lateness, long flush, MartSinks sinks) {
        Aggregation<P, K> aggregation = output.aggregation();
        // The final stage hands on each key's absolute values; the roll-up keeps them until the key closes.
        SingleOutputStreamOperator<Tuple2<K, long[]>> keyValues = finalStage(aggregation,
                (key, values) -> Tuple2.of(key, values.clone()), aggregation.partialType(), partials, lateness, flush);
        Rollup<K, G, R> rollup = output.rollup();
        SingleOutputStreamOperator<R> rows = keyValues
                .keyBy(keyed -> rollup.group().of(keyed.f0), rollup.groupType())
                .process(new RollupFunction<>(aggregation, rollup, lateness, flush), output.rowType())
                .uid(uid("marts." + aggregation.name() + ".rollup"))
                .name("Roll up " + output.table().name());
        sinks.sinkFor(output.table()).bind(rows, sinkUid(output.table()), output.table().name() + " upsert sink");
        return keyValues.getSideOutput(overflowTag(aggregation));
    }

    /** Adds a trailing table's final stage, comparison stage and sink; returns the dead letters of refused partials. */
    private <K, I, G, R> DataStream<DeadLetter> addTrailing(TrailingOutput<P, K, I, G, R> output,
            Map<String, List<DataStream<Tuple2<?, long[]>>>> partials, long lateness, long flush, MartSinks sinks) {
        SingleOutputStreamOperator<I> entries = finalStage(output.aggregation(), output.entry(), output.entryType(),
                partials, lateness, flush);
        Trailing<I, G, R> trailing = output.trailing();
        SingleOutputStreamOperator<R> rows = entries
                .keyBy(trailing.group(), trailing.groupType())
                .process(new TrailingFunction<>(trailing, output.entryType(), lateness), output.rowType())
                .uid(uid("marts." + output.aggregation().name() + ".trailing"))
                .name("Compare " + output.table().name() + " with earlier periods");
        sinks.sinkFor(output.table()).bind(rows, sinkUid(output.table()), output.table().name() + " upsert sink");
        return entries.getSideOutput(overflowTag(output.aggregation()));
    }

    private <K, R> SingleOutputStreamOperator<R> finalStage(Aggregation<P, K> aggregation,
            EventFunctions.RowOf<K, R> row, TypeInformation<R> rowType,
            Map<String, List<DataStream<Tuple2<?, long[]>>>> partials, long lateness, long flush) {
        if (!partials.containsKey(aggregation.name())) {
            throw new IllegalStateException("Aggregation " + aggregation.name() + " has no measure any stage computes");
        }
        return unionOf(partials, aggregation)
                .keyBy(partial -> partial.f0, aggregation.keyType())
                .process(new FinalAggregateFunction<>(aggregation, row, lateness, flush), rowType)
                .uid(uid("marts." + aggregation.name()))
                .name("Aggregate " + aggregation.name());
    }

    private <V, R> void addKeyed(KeyedOutput<P, V, R> output, SingleOutputStreamOperator<Void> stage, MartSinks sinks) {
        DataStream<R> rows = stage.getSideOutput(rowsTag(output.mart(), output.rowType()));
        sinks.sinkFor(output.table()).bind(rows, sinkUid(output.table()), output.table().name() + " upsert sink");
    }

    private DataStream<FreshnessSignal> progressProbe(DataStream<P> events, String suffix) {
        return events
                .transform("Event-time progress of counted events", TypeInformation.of(FreshnessSignal.class),
                        new EventTimeProgressProbe<>(eventTime))
                .uid(uid("pipeline-freshness.progress" + suffix));
    }

    private void addFreshness(MartInputs<P> inputs, DataStream<FreshnessSignal> progress, MartSinks sinks) {
        DataStream<FreshnessSignal> late = inputs.lateEventTimes()
                .map(FreshnessSignal::lateEvent, TypeInformation.of(FreshnessSignal.class))
                .uid(uid("pipeline-freshness.late-signals"))
                .name("Late events to freshness signals");
        List<String> reported = tables().stream()
                .map(MartTable::name)
                .filter(name -> !name.equals(PipelineFreshness.TABLE.name()))
                .toList();
        SingleOutputStreamOperator<PipelineFreshnessRow> rows = progress.union(late)
                .transform("Pipeline freshness", TypeInformation.of(PipelineFreshnessRow.class),
                        new PipelineFreshnessOperator(reported, inputs.settings().allowedLateness(),
                                inputs.settings().flushInterval(), inputs.rawEventsTable()))
                .uid(uid("pipeline-freshness"))
                .setParallelism(1)
                .setMaxParallelism(1);
        // One writer, so a row can never be overtaken by an older row of the same mart in another writer.
        sinks.sinkFor(PipelineFreshness.TABLE).bind(rows, sinkUid(PipelineFreshness.TABLE),
                "pipeline_freshness upsert sink").setParallelism(1);
    }

    private record TableOutput<P, K, R>(Aggregation<P, K> aggregation, EventFunctions.RowOf<K, R> row,
            TypeInformation<R> rowType, MartTable<R> table) {
    }

    private record RankedOutput<P, K, I, G, E, R>(Aggregation<P, K> aggregation, EventFunctions.RowOf<K, I> entry,
            TypeInformation<I> entryType, TopN<I, G, E, R> topN, TypeInformation<R> rowType, MartTable<R> table) {
    }

    private record RolledUpOutput<P, K, G, R>(Aggregation<P, K> aggregation, Rollup<K, G, R> rollup,
            TypeInformation<R> rowType, MartTable<R> table) {
    }

    private record TrailingOutput<P, K, I, G, R>(Aggregation<P, K> aggregation, EventFunctions.RowOf<K, I> entry,
            TypeInformation<I> entryType, Trailing<I, G, R> trailing, TypeInformation<R> rowType, MartTable<R> table) {
    }

    private record KeyedOutput<P, V, R>(Dimension<P, V> dimension, KeyedMart<P, V, ?, R> mart,
            TypeInformation<R> rowType, MartTable<R> table) {
        DimensionPlan.Hosted<P, V, ?, R> hosted() {
            return new DimensionPlan.Hosted<>(mart, rowsTag(mart, rowType));
        }
    }

    /**
     * Declares a pipeline's marts.
     *
     * @param <P> the marts' event type
     */
    public static final class Builder<P> {
        private final String pipeline;
        private final TypeInformation<P> eventType;
        private final EventFunctions.ToLong<P> eventTime;
        private final List<TableOutput<P, ?, ?>> tableOutputs = new ArrayList<>();
        private final List<RankedOutput<P, ?, ?, ?, ?, ?>> rankedOutputs = new ArrayList<>();
        private final List<KeyedOutput<P, ?, ?>> keyedOutputs = new ArrayList<>();
        private final List<RolledUpOutput<P, ?, ?, ?>> rolledUpOutputs = new ArrayList<>();
        private final List<TrailingOutput<P, ?, ?, ?, ?>> trailingOutputs = new ArrayList<>();
        private final List<Aggregation<P, ?>> aggregations = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<MartTable<?>> tables = new ArrayList<>();
        private boolean freshness;

        private Builder(String pipeline, TypeInformation<P> eventType, EventFunctions.ToLong<P> eventTime) {
            this.pipeline = MartNames.requireName(pipeline);
            this.eventType = Objects.requireNonNull(eventType, "eventType");
            this.eventTime = Objects.requireNonNull(eventTime, "eventTime");
        }

        /** Writes the row of every key of {@code aggregation} ({@code row} may return null: no row) to {@code table}. */
        public <K, R> Builder<P> table(Aggregation<P, K> aggregation, EventFunctions.RowOf<K, R> row,
                TypeInformation<R> rowType, MartTable<R> table) {
            unique(aggregation.name(), table);
            tableOutputs.add(new TableOutput<>(aggregation, row, rowType, table));
            aggregations.add(aggregation);
            return this;
        }

        /** Ranks the entries ({@code entry} of every key of {@code aggregation}) by {@code topN} into {@code table}. */
        public <K, I, G, E, R> Builder<P> ranked(Aggregation<P, K> aggregation, EventFunctions.RowOf<K, I> entry,
                TypeInformation<I> entryType, TopN<I, G, E, R> topN, TypeInformation<R> rowType, MartTable<R> table) {
            unique(aggregation.name(), table);
            rankedOutputs.add(new RankedOutput<>(aggregation, entry, entryType, topN, rowType, table));
            aggregations.add(aggregation);
            return this;
        }

        /** Rolls the keys of {@code aggregation} up by {@code rollup} into {@code table} (one row per group). */
        public <K, G, R> Builder<P> rolledUp(Aggregation<P, K> aggregation, Rollup<K, G, R> rollup,
                TypeInformation<R> rowType, MartTable<R> table) {
            unique(aggregation.name(), table);
            rolledUpOutputs.add(new RolledUpOutput<>(aggregation, rollup, rowType, table));
            aggregations.add(aggregation);
            return this;
        }

        /**
         * Writes the row of every entry ({@code entry} of every key of {@code aggregation}) compared with the entries
         * of its group in earlier periods ({@code trailing}) to {@code table}.
         */
        public <K, I, G, R> Builder<P> trailing(Aggregation<P, K> aggregation, EventFunctions.RowOf<K, I> entry,
                TypeInformation<I> entryType, Trailing<I, G, R> trailing, TypeInformation<R> rowType,
                MartTable<R> table) {
            unique(aggregation.name(), table);
            trailingOutputs.add(new TrailingOutput<>(aggregation, entry, entryType, trailing, rowType, table));
            aggregations.add(aggregation);
            return this;
        }

        /** Runs {@code mart} in the stage keyed by {@code dimension} and writes its rows to {@code table}. */
        public <V, R> Builder<P> keyed(Dimension<P, V> dimension, KeyedMart<P, V, ?, R> mart,
                TypeInformation<R> rowType, MartTable<R> table) {
            unique(mart.name(), table);
            if (mart.endsValue() && keyedOutputs.stream().anyMatch(
                    k -> k.dimension().name().equals(dimension.name()) && k.mart().endsValue())) {
                throw new IllegalArgumentException("Marts of " + pipeline + ": " + mart.name() + " ends the values of "
                        + dimension + ", which another keyed mart already ends");
            }
            keyedOutputs.add(new KeyedOutput<>(dimension, mart, rowType, table));
            return this;
        }

        /** Also reports {@code pipeline_freshness} for every table above. */
        public Builder<P> withFreshness() {
            freshness = true;
            return this;
        }

        public MartSet<P> build() {
            return new MartSet<>(this);
        }

        private void unique(String name, MartTable<?> table) {
            if (names.contains(name) || names.contains("table:" + table.name())) {
                throw new IllegalArgumentException("Marts of " + pipeline + " already declare " + name + " or table "
                        + table.name());
            }
            names.add(name);
            names.add("table:" + table.name());
            tables.add(table);
        }
    }
}

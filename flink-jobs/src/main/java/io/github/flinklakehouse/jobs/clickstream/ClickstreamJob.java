package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickMartEvent;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.config.EventTimeRange;
import io.github.flinklakehouse.jobs.marts.MartSinks;
import io.github.flinklakehouse.jobs.marts.engine.MartEngineSettings;
import io.github.flinklakehouse.jobs.marts.engine.MartInputs;
import io.github.flinklakehouse.jobs.marts.engine.OnTimeEvents;
import io.github.flinklakehouse.jobs.marts.engine.MartSet;
import io.github.flinklakehouse.jobs.warehouse.Warehouse;
import io.github.flinklakehouse.jobs.quality.DataQualityDailyMart;
import io.github.flinklakehouse.jobs.quality.QualityStage;
import io.github.flinklakehouse.jobs.quality.RejectedDailyMart;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.OutputTag;
import org.apache.iceberg.flink.TableLoader;

/**
 * The clickstream pipeline: raw events into the lake, bad records into the rejected table, every dashboard
 * mart into PostgreSQL. Sources and sinks are passed in, so tests and backfills swap them.
 *
 * <pre>
 *  source (ClickstreamInput)     uid clickstream.source.v1
 *     │
 *  parse JSON or CSV, validate ─────────────────────────────┐ dead letters (side output)
 *     │  uid clickstream.parse.v1                           │
 *  [backfills: only the event-time range] uid clickstream.event-time-range.v1
 *     │                                                     │
 *  event-time watermarks (bounded out-of-orderness, idle)   │
 *     │  uid clickstream.watermarks.v1                      │
 *  [with clickstream.quality.rules: QualityStage] ──────────┤ QUALITY_RULE dead letters (drop rules)
 *     │  uid clickstream.quality.rows.v1, .quality.<rule>.v1 │ outcomes ─> data_quality_daily (mart engine)
 *  with event_id: keyBy(event_id) → DeduplicateEventIds ────┤ DUPLICATE_EVENT_ID dead letters (side output)
 *     │  uid clickstream.dedupe.v1    (without: passed by;  │
 *     │  an input without event ids has no such branch)     │
 *     ├──> raw events sink (Iceberg raw.clickstream_events) │  uid clickstream.raw-events-sink.v1
 *     │    (both branches)                                  │
 *  per branch, chained: OnTimeEvents (watermark vs event ───┤ LATE dead letters (side output)
 *     │  time + lateness), uid clickstream.late-filter[.deduplicated].v1; uid clickstream.late-dead-letters.v1
 *  project to ClickMartEvent (compact, once)                │
 *     │  uid clickstream.marts.project[.deduplicated].v2    │
 *     └──> the mart engine (ClickstreamMarts: pre-aggregate  ├──> rejected sink (Iceberg raw.rejected_events)
 *          and combine per user/session/product, stages by  │     uid clickstream.rejected-sink.v1
 *          user/session/product, final per key, top N →     └──> rejected_daily (RejectedDailyMart: seen_at
 *          PostgreSQL upserts; see MartSet)                       watermarks, mart engine; day × source × reason)
 *     └──> optionally the warehouse (dim_user SCD2, dim_product, fact_user_events; see Warehouse)
 * </pre>
 *
 * <p>{@link #addTo} only builds the graph; the caller sets the runtime mode and calls {@code execute}.
 * The same graph runs in STREAMING (Kafka) and BATCH (bounded input, backfill) and yields the same marts.
 */
public final class ClickstreamJob {

    /** Job name used by the entry point. */
    public static final String JOB_NAME = "lakehouse-clickstream";

    public static final String SOURCE_UID = "clickstream.source.v1";
    public static final String SOURCE_NAME = "Clickstream source";
    public static final String PARSE_UID = "clickstream.parse.v1";
    public static final String PARSE_NAME = "Parse click events";
    public static final String EVENT_TIME_RANGE_UID = "clickstream.event-time-range.v1";
    public static final String WATERMARKS_UID = "clickstream.watermarks.v1";
    public static final String WATERMARKS_NAME = "Event-time watermarks";
    public static final String WITH_EVENT_ID_UID = "clickstream.with-event-id.v1";
    public static final String WITHOUT_EVENT_ID_UID = "clickstream.without-event-id.v1";
    public static final String DEDUPE_UID = "clickstream.dedupe.v1";
    public static final String DEDUPE_NAME = "Drop duplicate event ids";
    public static final String RAW_EVENTS_SINK_UID = "clickstream.raw-events-sink.v1";
    public static final String RAW_EVENTS_SINK_NAME = "Raw click events sink";
    public static final String LATE_FILTER_UID = "clickstream.late-filter.v1";
    public static final String LATE_FILTER_NAME = "Split off late events";
    public static final String LATE_DEAD_LETTERS_UID = "clickstream.late-dead-letters.v1";
    public static final String LATE_DEAD_LETTERS_NAME = "Late events to dead letters";
    public static final String REJECTED_SINK_UID = "clickstream.rejected-sink.v1";
    public static final String REJECTED_SINK_NAME = "Rejected events sink";
    public static final String PROJECT_UID = "clickstream.marts.project.v2";
    public static final String LATE_TIMES_UID = "clickstream.marts.late-event-times.v2";

    private final ClickstreamSettings settings;
    private final ClickstreamInput input;
    private final SinkBinding<IngestedClickEvent> rawEvents;
    private final SinkBinding<DeadLetter> rejectedEvents;
    private final MartSinks martSinks;
    private final MartSet<ClickMartEvent> marts;
    private final TableLoader rawEventsTable;
    private final EventTimeRange eventTimeRange;
    private final Warehouse warehouse;

    /**
     * @param settings event-time settings
     * @param source raw records (Kafka in production, a bounded source in tests and backfills)
     * @param rawEvents where every valid event goes
     * @param rejectedEvents where every dead letter (parse failures, duplicates and late events) goes
     * @param martSinks where the absolute rows of every mart of {@link ClickstreamMarts#of} go
     */
    public ClickstreamJob(
            ClickstreamSettings settings,
            Source<RawRecord, ?, ?> source,
            SinkBinding<IngestedClickEvent> rawEvents,
            SinkBinding<DeadLetter> rejectedEvents,
            MartSinks martSinks) {
        this(settings, source, rawEvents, rejectedEvents, martSinks, ClickstreamMarts.of(settings));
    }

    /** Like the main constructor, but with other {@code marts} (tests of a few marts). */
    public ClickstreamJob(
            ClickstreamSettings settings,
            Source<RawRecord, ?, ?> source,
            SinkBinding<IngestedClickEvent> rawEvents,
            SinkBinding<DeadLetter> rejectedEvents,
            MartSinks martSinks,
            MartSet<ClickMartEvent> marts) {
        this(settings, ClickstreamInput.kafkaRecords(Objects.requireNonNull(source, "source")), rawEvents,
                rejectedEvents, martSinks, marts);
    }

    /** Like the main constructor, but with any input (backfills read files, the lake or a Kafka range). */
    public ClickstreamJob(
            ClickstreamSettings settings,
            ClickstreamInput input,
            SinkBinding<IngestedClickEvent> rawEvents,
            SinkBinding<DeadLetter> rejectedEvents,
            MartSinks martSinks,
            MartSet<ClickMartEvent> marts) {
        this(settings, input, rawEvents, rejectedEvents, martSinks, marts, null, EventTimeRange.ALL, null);
    }

    private ClickstreamJob(
            ClickstreamSettings settings,
            ClickstreamInput input,
            SinkBinding<IngestedClickEvent> rawEvents,
            SinkBinding<DeadLetter> rejectedEvents,
            MartSinks martSinks,
            MartSet<ClickMartEvent> marts,
            TableLoader rawEventsTable,
            EventTimeRange eventTimeRange,
            Warehouse warehouse) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.input = Objects.requireNonNull(input, "input");
        this.rawEvents = Objects.requireNonNull(rawEvents, "rawEvents");
        this.rejectedEvents = Objects.requireNonNull(rejectedEvents, "rejectedEvents");
        this.martSinks = Objects.requireNonNull(martSinks, "martSinks");
        this.marts = Objects.requireNonNull(marts, "marts");
        this.rawEventsTable = rawEventsTable;
        this.eventTimeRange = Objects.requireNonNull(eventTimeRange, "eventTimeRange");
        this.warehouse = warehouse;
    }

    /**
     * A copy that tells the marts which Iceberg table holds the raw events ({@code pipeline_freshness} reports
     * its current snapshot).
     */
    public ClickstreamJob withRawEventsTable(TableLoader table) {
        return new ClickstreamJob(settings, input, rawEvents, rejectedEvents, martSinks, marts,
                Objects.requireNonNull(table, "table"), eventTimeRange, warehouse);
    }

    /**
     * A copy that keeps only events whose event time lies in {@code range} (a backfill of a date range); the
     * others are counted in the {@link ProgressCounters#OUTSIDE_RANGE} accumulator, not written anywhere.
     */
    public ClickstreamJob withEventTimeRange(EventTimeRange range) {
        return new ClickstreamJob(settings, input, rawEvents, rejectedEvents, martSinks, marts, rawEventsTable,
                Objects.requireNonNull(range, "range"), warehouse);
    }

    /**
     * A copy that also maintains {@code tables} (dim_user, dim_product, fact_user_events) from the events the marts
     * count, written through the same mart sinks.
     */
    public ClickstreamJob withWarehouse(Warehouse tables) {
        return new ClickstreamJob(settings, input, rawEvents, rejectedEvents, martSinks, marts, rawEventsTable,
                eventTimeRange, Objects.requireNonNull(tables, "tables"));
    }

    /** Adds the pipeline to {@code env}; never calls {@code execute}. */
    public void addTo(StreamExecutionEnvironment env) {
        ClickstreamInput.ParsedInput parsed = input.addTo(env, settings.validation());
        DataStream<IngestedClickEvent> selected = parsed.events();
        if (!eventTimeRange.isAll()) {
            selected = selected
                    .filter(new InEventTimeRange(eventTimeRange))
                    .uid(EVENT_TIME_RANGE_UID)
                    .name("Only events in " + eventTimeRange);
        }

        SingleOutputStreamOperator<IngestedClickEvent> withWatermarks = selected
                .assignTimestampsAndWatermarks(watermarks())
                .uid(WATERMARKS_UID)
                .name(WATERMARKS_NAME);
        QualityStage.Checked<IngestedClickEvent> quality = new QualityStage<>(ClickstreamMarts.PIPELINE,
                settings.quality(), new ClickEventQualityFields(), TypeInformation.of(IngestedClickEvent.class))
                .addTo(withWatermarks);
        DataStream<IngestedClickEvent> timed = quality.passed();
        // Only an event with an event_id can be a producer retry: the others (every CSV row) skip the keyed
        // dedupe, which keeps no state for them, and so skip a shuffle (and in BATCH a sort) of every event. The two
        // branches meet only at the raw sink, so each is chained through the late filter, the projection and the
        // marts' pre-aggregation. An input that cannot carry event ids has one branch, and its raw sink chains too.
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>(parsed.deadLetters());
        deadLetters.addAll(quality.deadLetters());
        List<SingleOutputStreamOperator<IngestedClickEvent>> branches = new ArrayList<>();
        if (input.carriesEventIds()) {
            SingleOutputStreamOperator<IngestedClickEvent> deduplicated = timed
                    .filter(event -> event.event().eventId() != null)
                    .uid(WITH_EVENT_ID_UID)
                    .name("Events with an event_id")
                    .keyBy(DeduplicateEventIds.KEY, Types.STRING)
                    .process(new DeduplicateEventIds(settings.dedupeHorizon()),
                            TypeInformation.of(IngestedClickEvent.class))
                    .uid(DEDUPE_UID)
                    .name(DEDUPE_NAME);
            SingleOutputStreamOperator<IngestedClickEvent> withoutId = timed
                    .filter(event -> event.event().eventId() == null)
                    .uid(WITHOUT_EVENT_ID_UID)
                    .name("Events without event_id");
            rawEvents.bind(withoutId.union(deduplicated), RAW_EVENTS_SINK_UID, RAW_EVENTS_SINK_NAME);
            deadLetters.add(deduplicated.getSideOutput(DeduplicateEventIds.DUPLICATES));
            branches.add(onTime(withoutId, ""));
            branches.add(onTime(deduplicated, ".deduplicated"));
        } else {
            rawEvents.bind(timed, RAW_EVENTS_SINK_UID, RAW_EVENTS_SINK_NAME);
            branches.add(onTime(timed, ""));
        }

        OutputTag<IngestedClickEvent> lateTag = OnTimeEvents.lateEventsOf(TypeInformation.of(IngestedClickEvent.class));
        DataStream<IngestedClickEvent> late = branches.get(0).getSideOutput(lateTag);
        List<DataStream<ClickMartEvent>> projected = new ArrayList<>();
        projected.add(projected(branches.get(0), ""));
        if (branches.size() > 1) {
            late = late.union(branches.get(1).getSideOutput(lateTag));
            projected.add(projected(branches.get(1), ".deduplicated"));
        }
        deadLetters.add(late
                .map(new LateEventDeadLetters(), TypeInformation.of(DeadLetter.class))
                .uid(LATE_DEAD_LETTERS_UID)
                .name(LATE_DEAD_LETTERS_NAME));

        DataStream<Long> lateEventTimes = late
                .map(event -> event.event().eventTime().toEpochMilli(), Types.LONG)
                .uid(LATE_TIMES_UID)
                .name("Event times of late events");
        if (warehouse != null) {
            warehouse.addTo(branches, settings.allowedLateness(), martSinks);
        }
        MartEngineSettings engine = new MartEngineSettings(settings.allowedLateness(), settings.martsFlushInterval());
        deadLetters.addAll(marts.addTo(new MartInputs<>(projected, lateEventTimes, engine, rawEventsTable),
                martSinks));
        if (quality.outcomes() != null) {
            deadLetters.addAll(DataQualityDailyMart.addTo(ClickstreamMarts.PIPELINE, quality.outcomes(), engine,
                    martSinks));
        }

        DataStream<DeadLetter> allDeadLetters = deadLetters.get(0);
        for (DataStream<DeadLetter> more : deadLetters.subList(1, deadLetters.size())) {
            allDeadLetters = allDeadLetters.union(more);
        }
        // rejected_daily counts what goes to the rejected table; only its own refusals (sum overflow) are not counted.
        rejectedEvents.bind(RejectedDailyMart.addTo(ClickstreamMarts.PIPELINE, allDeadLetters,
                settings.maxOutOfOrderness(), settings.idleness(), engine, martSinks),
                REJECTED_SINK_UID, REJECTED_SINK_NAME);
    }

    /** The one lateness decision for every mart, on one branch ({@code suffix} tells the branches' uids apart). */
    private SingleOutputStreamOperator<IngestedClickEvent> onTime(DataStream<IngestedClickEvent> events, String suffix) {
        return events
                .process(new OnTimeEvents<>(settings.allowedLateness(), ClickstreamJob::eventTimeOf,
                        TypeInformation.of(IngestedClickEvent.class)), TypeInformation.of(IngestedClickEvent.class))
                .uid(LATE_FILTER_UID.replace(".v1", suffix + ".v1"))
                .name(LATE_FILTER_NAME);
    }

    private static long eventTimeOf(IngestedClickEvent event) {
        return event.event().eventTime().toEpochMilli();
    }

    /** The marts' compact events of one branch. */
    private static DataStream<ClickMartEvent> projected(DataStream<IngestedClickEvent> onTime, String suffix) {
        return onTime
                .map(new ClickMartEvent.Projection(), TypeInformation.of(ClickMartEvent.class))
                .uid(PROJECT_UID.replace(".v2", suffix + ".v2"))
                .name("Project events for the marts");
    }

    private WatermarkStrategy<IngestedClickEvent> watermarks() {
        return WatermarkStrategy.<IngestedClickEvent>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withTimestampAssigner((e, previous) -> e.event().eventTime().toEpochMilli())
                .withIdleness(settings.idleness());
    }
}

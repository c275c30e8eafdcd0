package io.github.flinklakehouse.jobs.replay;

import io.github.flinklakehouse.jobs.clickstream.DeduplicateEventIds;
import io.github.flinklakehouse.jobs.lake.SkipKnownPositions;
import java.time.Duration;

import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.config.ReplaySettings;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The replay job ({@code --job clickstream-replay}): re-reads rejected records of one reason (and time range)
 * through the clickstream job's parser and validation, after a fix, and appends those that pass to the raw
 * table with their original lineage. Bounded; run it in BATCH mode.
 *
 * <pre>
 *  rejected rows (Iceberg raw.rejected_events)   positions in raw.clickstream_events
 *     │ uid clickstream-replay.rejected-source.v1   │ uid clickstream-replay.raw-positions-source.v1
 *  reason / seen_at filter                          │
 *     │ uid clickstream-replay.select.v1            │
 *     └───── keyBy(source, position) ───────────────┘
 *  SkipKnownPositions (only positions not yet in raw)    uid clickstream-replay.skip-ingested.v1
 *     │
 *  ReparseRejected (same parser and validation)          uid clickstream-replay.reparse.v1
 *     │    still failing: counted, left in raw.rejected_events as they are
 *     │                                               event ids in raw.clickstream_events
 *     │                                                 │ uid clickstream-replay.raw-event-ids-source.v1
 *     └───── keyBy(event id, or position) ──────────────┘
 *  SkipRepeatedEventIds (the live job's producer-retry rule) uid clickstream-replay.skip-repeated-ids.v1
 *     └──> raw events sink (Iceberg raw.clickstream_events) uid clickstream-replay.raw-events-sink.v1
 * </pre>
 *
 * <p>The marts are not touched: replayed events usually belong to closed periods.
 */
public final class RejectedEventsReplay {

    /** Job name used by the entry point. */
    public static final String JOB_NAME = "lakehouse-clickstream-replay";

    public static final String REJECTED_SOURCE_UID = "clickstream-replay.rejected-source.v1";
    public static final String RAW_POSITIONS_SOURCE_UID = "clickstream-replay.raw-positions-source.v1";
    public static final String SELECT_UID = "clickstream-replay.select.v1";
    public static final String SKIP_INGESTED_UID = "clickstream-replay.skip-ingested.v1";
    public static final String REPARSE_UID = "clickstream-replay.reparse.v1";
    public static final String RAW_EVENT_IDS_SOURCE_UID = "clickstream-replay.raw-event-ids-source.v1";
    public static final String SKIP_REPEATED_IDS_UID = "clickstream-replay.skip-repeated-ids.v1";
    public static final String RAW_EVENTS_SINK_UID = "clickstream-replay.raw-events-sink.v1";

    /** Accumulator of the records that pass validation now and were appended to the raw table. */
    public static final String ACCEPTED = ReparseRejected.ACCEPTED;
    /** Accumulator of the selected records whose position is already in the raw table (replayed before). */
    public static final String ALREADY_IN_RAW = "replay.already-in-raw";
    /** Prefix of the accumulators of records that still fail, followed by the reason code. */
    public static final String STILL_REJECTED = ReparseRejected.STILL_REJECTED;

    private final ReplaySettings replay;
    private final EventValidation validation;
    private final Source<ReplayCandidate, ?, ?> rejectedRows;
    private final Source<String, ?, ?> rawPositions;
    private final Source<RawEventId, ?, ?> rawEventIds;
    private final Duration dedupeHorizon;
    private final SinkBinding<IngestedClickEvent> rawEvents;

    /**
     * @param replay which rejected records to re-read (reason required)
     * @param validation the validation of the clickstream job, as configured now
     * @param rejectedRows rows of {@code raw.rejected_events}
     * @param rawPositions {@link ReplayCandidate#positionKey} of every row of {@code raw.clickstream_events}
     * @param rawEventIds the event id and time of every row of {@code raw.clickstream_events} that has an id
     * @param dedupeHorizon the live job's {@code clickstream.dedupe-horizon}
     * @param rawEvents where accepted events go
     */
    public RejectedEventsReplay(ReplaySettings replay, EventValidation validation,
            Source<ReplayCandidate, ?, ?> rejectedRows, Source<String, ?, ?> rawPositions,
            Source<RawEventId, ?, ?> rawEventIds, Duration dedupeHorizon, SinkBinding<IngestedClickEvent> rawEvents) {
        this.replay = Objects.requireNonNull(replay, "replay");
        if (replay.reason() == null) {
            throw new IllegalArgumentException("--replay.reason is required by the replay job");
        }
        this.validation = Objects.requireNonNull(validation, "validation");
        this.rejectedRows = Objects.requireNonNull(rejectedRows, "rejectedRows");
        this.rawPositions = Objects.requireNonNull(rawPositions, "rawPositions");
        this.rawEventIds = Objects.requireNonNull(rawEventIds, "rawEventIds");
        this.dedupeHorizon = Objects.requireNonNull(dedupeHorizon, "dedupeHorizon");
        this.rawEvents = Objects.requireNonNull(rawEvents, "rawEvents");
    }

    /** Adds the replay to {@code env}; never calls {@code execute}. */
    public void addTo(StreamExecutionEnvironment env) {
        DataStream<ReplayCandidate> candidates = env
                .fromSource(rejectedRows, WatermarkStrategy.noWatermarks(), "Rejected events",
                        TypeInformation.of(ReplayCandidate.class))
                .uid(REJECTED_SOURCE_UID)
                .filter(new SelectedForReplay(replay))
                .uid(SELECT_UID)
                .name("Select " + replay.reason());
        DataStream<String> positions = env
                .fromSource(rawPositions, WatermarkStrategy.noWatermarks(), "Raw event positions", Types.STRING)
                .uid(RAW_POSITIONS_SOURCE_UID);

        DataStream<IngestedClickEvent> accepted = candidates
                .keyBy(ReplayCandidate::positionKey, Types.STRING)
                .connect(positions.keyBy(position -> position, Types.STRING))
                .process(new SkipKnownPositions<>(TypeInformation.of(ReplayCandidate.class), ALREADY_IN_RAW),
                        TypeInformation.of(ReplayCandidate.class))
                .uid(SKIP_INGESTED_UID)
                .name("Skip positions already in raw")
                .process(new ReparseRejected(validation), TypeInformation.of(IngestedClickEvent.class))
                .uid(REPARSE_UID)
                .name("Parse and validate again");
        DataStream<RawEventId> ids = env
                .fromSource(rawEventIds, WatermarkStrategy.noWatermarks(), "Raw event ids",
                        TypeInformation.of(RawEventId.class))
                .uid(RAW_EVENT_IDS_SOURCE_UID);
        DataStream<IngestedClickEvent> fresh = accepted
                .keyBy(DeduplicateEventIds.KEY, Types.STRING)
                .connect(ids.keyBy(RawEventId::key, Types.STRING))
                .process(new SkipRepeatedEventIds(dedupeHorizon), TypeInformation.of(IngestedClickEvent.class))
                .uid(SKIP_REPEATED_IDS_UID)
                .name("Skip repeated event ids");

        rawEvents.bind(fresh, RAW_EVENTS_SINK_UID, "Replayed raw click events sink");
    }
}

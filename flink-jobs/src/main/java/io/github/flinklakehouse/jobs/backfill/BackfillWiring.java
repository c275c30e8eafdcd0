package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.connectors.kafka.RawRecordDeserializationSchema;
import io.github.flinklakehouse.connectors.files.FileSelection;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.backfill.files.CsvFileInput;
import io.github.flinklakehouse.jobs.backfill.files.JsonLinesFileInput;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamInput;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamWiring;
import io.github.flinklakehouse.jobs.clickstream.IngestedClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ProgressCounters;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.config.BackfillSettings;
import io.github.flinklakehouse.jobs.config.BackfillSource;
import io.github.flinklakehouse.jobs.lake.NewPositionsOnly;
import io.github.flinklakehouse.jobs.lake.PositionKeyConverter;
import io.github.flinklakehouse.jobs.config.ConfigException;
import io.github.flinklakehouse.jobs.clickstream.config.KafkaSettings;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import java.io.IOException;
import java.util.List;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;

/**
 * Wires {@code --job clickstream-backfill}: the clickstream job's graph, unchanged, over a bounded input (CSV files,
 * the lake or a Kafka range), limited to the backfill's event-time range, writing the marts of
 * {@code marts.schema} (the {@code lakehouse backfill} command points it at a staging schema and publishes the
 * range's rows afterwards). Run it in BATCH mode.
 */
public final class BackfillWiring {

    /** Job name used by the entry point. */
    public static final String JOB_NAME = "lakehouse-clickstream-backfill";

    private BackfillWiring() {
    }

    /** Builds the backfill of {@code config.backfill()} against the configured catalog. */
    public static ClickstreamJob create(LakehouseConfig config) {
        return create(config, config.catalog().catalogLoader());
    }

    /** Like {@link #create(LakehouseConfig)} but with another Iceberg catalog (tests use a local one). */
    public static ClickstreamJob create(LakehouseConfig config, CatalogLoader catalog) {
        BackfillSettings backfill = config.backfill();
        if (backfill.source() == null) {
            throw new ConfigException("--job clickstream-backfill needs --backfill.source files|lake|kafka (see --help).");
        }
        ClickstreamInput input = switch (backfill.source()) {
            case FILES -> {
                // JSON-lines files (.jsonl, .ndjson) are read in the configured event format; others as dataset CSV.
                List<String> files = files(backfill).files();
                yield JsonLinesFileInput.allJsonLines(files) ? new JsonLinesFileInput(files) : new CsvFileInput(files);
            }
            case LAKE -> new LakeEventsInput(TableLoader.fromCatalog(catalog, RawTables.CLICKSTREAM_EVENTS),
                    backfill.range());
            case KAFKA -> ClickstreamInput.kafkaRecords(kafkaRange(ClickstreamConfig.of(config).kafka(), backfill));
        };
        SinkBinding<IngestedClickEvent> rawEvents;
        SinkBinding<DeadLetter> rejectedEvents;
        CountRecords.CounterName<IngestedClickEvent> rawCounter = event -> ProgressCounters.RAW_EVENTS;
        CountRecords.CounterName<DeadLetter> rejectedCounter = letter -> ProgressCounters.REJECTED_PREFIX + letter.reason();
        if (backfill.writesLake()) {
            rawEvents = CountingSinkBinding.writing(ClickstreamWiring.rawEventsSink(catalog), rawCounter);
            rejectedEvents = CountingSinkBinding.writing(ClickstreamWiring.rejectedEventsSink(catalog), rejectedCounter);
            if (backfill.source() == BackfillSource.KAFKA) {
                // The live job has written most of a topic's records already: append only the others.
                rawEvents = new NewPositionsOnly<>(rawEvents,
                        event -> PositionKeyConverter.of(event.source(), event.sourcePosition()),
                        PositionKeyConverter.scan(catalog, RawTables.CLICKSTREAM_EVENTS, RawTables.CLICKSTREAM_EVENTS_SCHEMA),
                        RawTables.CLICKSTREAM_EVENTS.toString(), ProgressCounters.RAW_ALREADY_IN_LAKE);
                rejectedEvents = new NewPositionsOnly<>(rejectedEvents,
                        letter -> PositionKeyConverter.of(letter.source(), letter.sourcePosition()),
                        PositionKeyConverter.scan(catalog, RawTables.REJECTED_EVENTS, RawTables.REJECTED_EVENTS_SCHEMA),
                        RawTables.REJECTED_EVENTS.toString(), ProgressCounters.REJECTED_ALREADY_IN_LAKE);
            }
        } else {
            rawEvents = CountingSinkBinding.countingOnly(rawCounter);
            rejectedEvents = CountingSinkBinding.countingOnly(rejectedCounter);
        }
        // A backfill also checks its key fields (clickstream.quality.backfill-keys), failing on a missing one.
        ClickstreamSettings settings = ClickstreamConfig.of(config).clickstream();
        settings = settings.withQuality(settings.quality().forBackfill());
        ClickstreamJob job = new ClickstreamJob(settings, input, rawEvents, rejectedEvents,
                ClickstreamWiring.martSinks(config), ClickstreamMarts.of(settings))
                .withRawEventsTable(TableLoader.fromCatalog(catalog, RawTables.CLICKSTREAM_EVENTS))
                .withEventTimeRange(backfill.range());
        return ClickstreamWiring.withWarehouse(job, config);
    }

    /**
     * The files of {@code --backfill.files}, listed now so a missing file, empty folder or unmatched glob fails
     * before the job is submitted, naming the entry.
     */
    public static FileSelection files(BackfillSettings backfill) {
        try {
            return FileSelection.resolve(backfill.files());
        } catch (IOException e) {
            throw new ConfigException("--backfill.files: " + e.getMessage());
        }
    }

    /** The clickstream topic between the backfill's start and stop offsets. */
    static KafkaSource<RawRecord> kafkaRange(KafkaSettings kafka, BackfillSettings backfill) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId() + "-backfill")
                .setStartingOffsets(KafkaOffsetsSpec.parse(backfill.kafkaStart(), kafka.topic(), "backfill.kafka.start"))
                .setBounded(KafkaOffsetsSpec.parse(backfill.kafkaStop(), kafka.topic(), "backfill.kafka.stop"))
                .setDeserializer(new RawRecordDeserializationSchema())
                .build();
    }
}

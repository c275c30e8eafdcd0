package io.github.flinklakehouse.jobs.clickstream;

import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.connectors.deadletter.DeadLetter;
import io.github.flinklakehouse.connectors.kafka.RawRecord;
import io.github.flinklakehouse.connectors.kafka.RawRecordDeserializationSchema;
import io.github.flinklakehouse.jobs.backfill.KafkaOffsetsSpec;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamOptions;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.clickstream.config.KafkaSettings;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.lake.DeadLetterRows;
import io.github.flinklakehouse.jobs.lake.IcebergAppendBinding;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.warehouse.Warehouse;
import io.github.flinklakehouse.jobs.warehouse.WarehouseLakeSinks;
import io.github.flinklakehouse.jobs.warehouse.WarehouseOptions;
import io.github.flinklakehouse.jobs.warehouse.WarehouseSettings;
import io.github.flinklakehouse.jobs.warehouse.WarehouseTables;
import java.sql.SQLException;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.flink.TableLoader;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** Wires the clickstream job to production I/O: Kafka in, Iceberg (JDBC catalog on S3) and PostgreSQL out. */
public final class ClickstreamWiring {

    private ClickstreamWiring() {
    }

    /** Creates the Iceberg tables and every mart table when absent (idempotent). */
    public static void prepare(LakehouseConfig config) throws SQLException {
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        Catalog catalog = config.catalog().catalogLoader().loadCatalog();
        try {
            LakeTables.ensureRawTables(catalog);
            if (warehouse.enabled()) {
                LakeTables.ensure(catalog, WarehouseLakeSinks.definitions(warehouse));
            }
        } finally {
            closeQuietly(catalog);
        }
        ClickstreamMarts.ensureTables(config.marts().connection(), config.marts().schema(), ClickstreamConfig.of(config).clickstream());
        if (warehouse.enabled()) {
            MartTable.ensureAll(config.marts().connection(), config.marts().schema(), WarehouseTables.of(warehouse));
        }
    }

    /**
     * {@code job} with the warehouse tables in PostgreSQL when {@code warehouse.enabled} is set, else {@code job}
     * itself. Backfills use this: they leave the curated lake tables to the live job (see the README).
     */
    public static ClickstreamJob withWarehouse(ClickstreamJob job, LakehouseConfig config) {
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        return warehouse.enabled() ? job.withWarehouse(new Warehouse(warehouse)) : job;
    }

    /** Like {@link #withWarehouse(ClickstreamJob, LakehouseConfig)}, also writing the curated lake tables. */
    public static ClickstreamJob withWarehouse(ClickstreamJob job, LakehouseConfig config, CatalogLoader catalog) {
        WarehouseSettings warehouse = WarehouseOptions.of(config);
        return warehouse.enabled()
                ? job.withWarehouse(new Warehouse(warehouse).withLake(new WarehouseLakeSinks(catalog, warehouse)))
                : job;
    }

    /** Builds the job with the Kafka source, Iceberg sinks and the PostgreSQL mart sink of {@code config}. */
    public static ClickstreamJob create(LakehouseConfig config) {
        return create(config, config.catalog().catalogLoader());
    }

    /** Like {@link #create(LakehouseConfig)} but with another Iceberg catalog (tests use a local one). */
    public static ClickstreamJob create(LakehouseConfig config, CatalogLoader catalog) {
        return withWarehouse(new ClickstreamJob(
                ClickstreamConfig.of(config).clickstream(),
                kafkaSource(ClickstreamConfig.of(config).kafka()),
                rawEventsSink(catalog),
                rejectedEventsSink(catalog),
                martSinks(config))
                .withRawEventsTable(TableLoader.fromCatalog(catalog, RawTables.CLICKSTREAM_EVENTS)), config, catalog);
    }

    /** Appends events to {@code raw.clickstream_events}. */
    public static IcebergAppendBinding<IngestedClickEvent> rawEventsSink(CatalogLoader catalog) {
        return new IcebergAppendBinding<>(TableLoader.fromCatalog(catalog, RawTables.CLICKSTREAM_EVENTS),
                RawTables.CLICKSTREAM_EVENTS_SCHEMA, new ClickEventRows());
    }

    /** Appends dead letters to {@code raw.rejected_events}. */
    public static IcebergAppendBinding<DeadLetter> rejectedEventsSink(CatalogLoader catalog) {
        return new IcebergAppendBinding<>(TableLoader.fromCatalog(catalog, RawTables.REJECTED_EVENTS),
                RawTables.REJECTED_EVENTS_SCHEMA, new DeadLetterRows());
    }

    /** Upserts every mart into {@code config.marts().schema()}. */
    public static JdbcMartSinks martSinks(LakehouseConfig config) {
        return new JdbcMartSinks(config.marts().connection(), config.marts().schema(), config.marts().flushInterval(),
                config.marts().holdBack());
    }

    /** The Kafka source of raw records; offsets are committed on checkpoints for monitoring only. */
    public static KafkaSource<RawRecord> kafkaSource(KafkaSettings kafka) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setTopics(kafka.topic())
                .setGroupId(kafka.groupId())
                .setStartingOffsets(kafka.startingPositions() != null
                        ? KafkaOffsetsSpec.parse(kafka.startingPositions(), kafka.topic(),
                                ClickstreamOptions.KAFKA_STARTING_POSITIONS.key())
                        : switch (kafka.startingOffsets()) {
                            case EARLIEST -> OffsetsInitializer.earliest();
                            case LATEST -> OffsetsInitializer.latest();
                            case COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                        })
                .setDeserializer(new RawRecordDeserializationSchema())
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }

    private static void closeQuietly(Catalog catalog) {
        if (catalog instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // Closing only releases the catalog's JDBC pool; the tables are already created.
            }
        }
    }
}

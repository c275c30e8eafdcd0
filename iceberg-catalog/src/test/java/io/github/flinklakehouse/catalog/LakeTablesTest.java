package io.github.flinklakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericAppenderFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.encryption.EncryptedFiles;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeTablesTest {

    @TempDir
    Path warehouse;

    private HadoopCatalog catalog;

    @BeforeEach
    void openCatalog() {
        catalog = new HadoopCatalog(new Configuration(), warehouse.toUri().toString());
    }

    @AfterEach
    void closeCatalog() throws Exception {
        catalog.close();
    }

    @Test
    void createsTheCuratedWarehouseTablesWithTheirKeysAndAddsANewlyTrackedAttributeAtTheEnd() {
        assertThat(LakeTables.ensure(catalog, CuratedTables.warehouse(List.of("device", "country")))).containsExactly(
                "curated.dim_user", "curated.dim_product", "curated.fact_user_events");

        Table dimUser = catalog.loadTable(CuratedTables.DIM_USER);
        assertThat(dimUser.schema().columns()).extracting(Types.NestedField::name).containsExactly(
                "user_key", "user_id", "valid_from", "valid_to", "is_current", "device", "country");
        assertThat(dimUser.schema().identifierFieldNames()).containsExactly("user_key");
        assertThat(dimUser.spec().isUnpartitioned()).isTrue();
        assertThat(catalog.loadTable(CuratedTables.DIM_PRODUCT).schema().identifierFieldNames())
                .containsExactly("product_key");
        Table facts = catalog.loadTable(CuratedTables.FACT_USER_EVENTS);
        assertThat(facts.schema().identifierFieldNames()).containsExactlyInAnyOrder("event_id", "event_time");
        assertThat(facts.spec().fields()).singleElement().satisfies(f -> {
            assertThat(f.transform().toString()).isEqualTo("day");
            assertThat(facts.schema().findColumnName(f.sourceId())).isEqualTo("event_time");
        });
        assertThat(((HasTableOperations) facts).operations().current().formatVersion()).isEqualTo(2);

        // Tracking region too: an optional column appended to the existing table, the key kept.
        assertThat(LakeTables.ensure(catalog, CuratedTables.warehouse(List.of("device", "country", "region"))))
                .isEmpty();
        dimUser.refresh();
        assertThat(dimUser.schema().columns()).extracting(Types.NestedField::name).endsWith("country", "region");
        assertThat(dimUser.schema().identifierFieldNames()).containsExactly("user_key");
    }

    @Test
    void createsRawTablesWithSchemasAndDayPartitions() {
        List<String> created = LakeTables.ensureRawTables(catalog);

        assertThat(created).containsExactly("raw.clickstream_events", "raw.rejected_events");
        Table events = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
        assertThat(events.schema().columns()).extracting(Types.NestedField::name).containsExactly(
                "event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price",
                "user_id", "user_session", "event_id", "source", "source_position", "ingested_at",
                "device", "country", "region", "search_query", "quantity", "revenue");
        assertThat(events.schema().findType("event_time")).isEqualTo(Types.TimestampType.withZone());
        assertThat(events.schema().findType("price")).isEqualTo(Types.DecimalType.of(12, 2));
        assertThat(events.spec().fields()).singleElement()
                .satisfies(f -> assertThat(f.transform().toString()).isEqualTo("day"));
        assertThat(((HasTableOperations) events).operations().current().formatVersion()).isEqualTo(2);

        Table rejected = catalog.loadTable(RawTables.REJECTED_EVENTS);
        assertThat(rejected.schema().findType("payload")).isEqualTo(Types.BinaryType.get());
        assertThat(rejected.spec().fields()).singleElement()
                .satisfies(f -> assertThat(events.schema().findColumnName(f.sourceId())).isEqualTo("event_time"));
    }

    @Test
    void metadataFilesStayBoundedOver250Commits() throws IOException {
        LakeTables.ensureRawTables(catalog);
        Table events = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
        assertThat(events.properties()).containsAllEntriesOf(
                RawTables.ALL.get(0).maintenanceProperties());

        // Two and a half times the log: every commit past the 101st must delete the file leaving it.
        for (int commit = 0; commit < 250; commit++) {
            events.newAppend().commit(); // a streaming checkpoint's commit, without data files
        }

        assertThat(events.snapshots()).hasSize(250);
        assertThat(metadataFiles(RawTables.CLICKSTREAM_EVENTS))
                .hasSizeLessThanOrEqualTo(TableDefinition.METADATA_VERSIONS_KEPT + 1);
    }

    @Test
    void aTableCreatedBeforeMetadataRetentionGetsItOnTheNextEnsure() throws IOException {
        TableDefinition events = RawTables.ALL.get(0);
        Table old = catalog.createTable(events.identifier(), events.schema(), events.spec(),
                Map.of("format-version", "2"));
        for (int commit = 0; commit < 150; commit++) {
            old.newAppend().commit();
        }
        int before = metadataFiles(events.identifier()).size();
        assertThat(before).isGreaterThan(150);

        LakeTables.ensureRawTables(catalog);
        Table table = catalog.loadTable(events.identifier());
        assertThat(table.properties()).containsAllEntriesOf(events.maintenanceProperties());
        for (int commit = 0; commit < 150; commit++) {
            table.newAppend().commit();
        }

        // Files that had already left the metadata log are orphans for the lake maintenance; from now on each
        // commit deletes the file that leaves the log, so the folder stops growing.
        assertThat(metadataFiles(events.identifier())).hasSizeLessThanOrEqualTo(before + 1);
        assertThat(LakeTables.ensureRawTables(catalog)).isEmpty();
    }

    private List<Path> metadataFiles(TableIdentifier table) throws IOException {
        Path folder = warehouse.resolve(table.namespace().level(0)).resolve(table.name()).resolve("metadata");
        try (var files = java.nio.file.Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".metadata.json")).toList();
        }
    }

    @Test
    void ensureIsIdempotent() {
        LakeTables.ensureRawTables(catalog);
        long snapshotsBefore = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).history().size();

        assertThat(LakeTables.ensureRawTables(catalog)).isEmpty();
        assertThat(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).history()).hasSize((int) snapshotsBefore);
        assertThat(catalog.listTables(RawTables.RAW)).hasSize(2);
    }

    /** The clickstream table exactly as the first release created it (before the optional contract fields). */
    private static final Schema FIRST_RELEASE_EVENTS_SCHEMA = new Schema(
            RawTables.CLICKSTREAM_EVENTS_SCHEMA.columns().subList(0, 13));

    @Test
    void addsMissingOptionalColumnsSoOldRowsReadThemAsNull() throws IOException {
        catalog.createNamespace(RawTables.RAW);
        Table table = catalog.createTable(RawTables.CLICKSTREAM_EVENTS, FIRST_RELEASE_EVENTS_SCHEMA,
                PartitionSpec.builderFor(FIRST_RELEASE_EVENTS_SCHEMA).day("event_time").build(),
                Map.of("format-version", "2"));
        append(table, Map.of("source_position", "t/0/1", "event_id", "old-1"));

        assertThat(LakeTables.ensureRawTables(catalog)).containsExactly("raw.rejected_events");

        table.refresh();
        assertThat(table.schema().columns()).extracting(Types.NestedField::name).endsWith(
                "ingested_at", "device", "country", "region", "search_query", "quantity", "revenue");
        assertThat(table.schema().findField("device").isOptional()).isTrue();
        assertThat(table.schema().findField("quantity").isOptional()).isTrue();
        append(table, Map.of("source_position", "t/0/2", "event_id", "new-2", "device", "mobile", "country", "DE",
                "region", "Berlin", "search_query", "red shoes"));

        List<Record> rows = readAll(table);
        assertThat(rows).extracting(r -> r.getField("source_position"), r -> r.getField("device"),
                r -> r.getField("country"), r -> r.getField("region"), r -> r.getField("search_query")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("t/0/1", null, null, null, null),
                        org.assertj.core.groups.Tuple.tuple("t/0/2", "mobile", "DE", "Berlin", "red shoes"));
        // A second start finds nothing to add and changes nothing.
        int schemas = table.schemas().size();
        assertThat(LakeTables.ensureRawTables(catalog)).isEmpty();
        table.refresh();
        assertThat(table.schemas()).hasSize(schemas);
    }

    @Test
    void refusesToAddARequiredColumnOrChangeAType() {
        TableIdentifier id = TableIdentifier.of("raw", "evolving");
        catalog.createNamespace(RawTables.RAW);
        catalog.createTable(id, new Schema(Types.NestedField.required(1, "a", Types.LongType.get())));

        assertThatThrownBy(() -> LakeTables.ensure(catalog, List.of(new TableDefinition(id, new Schema(
                        Types.NestedField.required(1, "a", Types.LongType.get()),
                        Types.NestedField.required(2, "b", Types.LongType.get())), PartitionSpec.unpartitioned()))))
                .hasMessageContaining("required column b is missing");
        assertThatThrownBy(() -> LakeTables.ensure(catalog, List.of(new TableDefinition(id, new Schema(
                        Types.NestedField.required(1, "a", Types.StringType.get())), PartitionSpec.unpartitioned()))))
                .hasMessageContaining("column a is required long but should be required string");
        assertThat(catalog.loadTable(id).schema().columns()).hasSize(1);
    }

    /** Appends one row with fixed required values plus {@code values}, through Iceberg's generic Parquet writer. */
    private static void append(Table table, Map<String, String> values) throws IOException {
        Schema schema = table.schema();
        Record row = GenericRecord.create(schema);
        row.setField("event_time", OffsetDateTime.parse("2019-10-01T00:00:00Z"));
        row.setField("event_type", "view");
        row.setField("product_id", 1L);
        row.setField("category_id", 2L);
        row.setField("price", new BigDecimal("1.00"));
        row.setField("user_id", 3L);
        row.setField("user_session", "s");
        row.setField("source", "kafka");
        row.setField("ingested_at", OffsetDateTime.parse("2019-10-01T00:00:01Z"));
        values.forEach(row::setField);
        PartitionKey partition = new PartitionKey(table.spec(), schema);
        partition.partition(new InternalRecordWrapper(schema.asStruct()).wrap(row));
        String location = table.locationProvider().newDataLocation(table.spec(), partition, UUID.randomUUID() + ".parquet");
        DataWriter<Record> writer = new GenericAppenderFactory(schema, table.spec()).newDataWriter(
                EncryptedFiles.plainAsEncryptedOutput(table.io().newOutputFile(location)), FileFormat.PARQUET, partition);
        try (writer) {
            writer.write(row);
        }
        table.newAppend().appendFile(writer.toDataFile()).commit();
    }

    private static List<Record> readAll(Table table) throws IOException {
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(table).build()) {
            records.forEach(r -> rows.add(r.copy()));
        }
        rows.sort(Comparator.comparing(r -> (String) r.getField("source_position")));
        return rows;
    }

    @Test
    void refusesToAcceptATableWithAnotherSchema() {
        Schema other = new Schema(Types.NestedField.required(1, "x", Types.LongType.get()));
        TableIdentifier id = TableIdentifier.of("raw", "other");
        catalog.createNamespace(RawTables.RAW);
        catalog.createTable(id, other);

        assertThatThrownBy(() -> LakeTables.ensure(catalog, List.of(
                        new TableDefinition(id, RawTables.REJECTED_EVENTS_SCHEMA, PartitionSpec.unpartitioned()))))
                .hasMessageContaining("raw.other exists with a different schema");
    }

    @Test
    void catalogPropertiesPointAtJdbcCatalogOnS3AndHideSecrets() {
        CatalogSettings settings = new CatalogSettings("lakehouse", "jdbc:postgresql://db:5432/lake", "lake",
                "pg-secret", "s3://lakehouse/warehouse", "http://s3:9000", "ak", "s3-secret", "us-east-1", true);

        assertThat(settings.catalogProperties())
                .containsEntry("catalog-impl", "org.apache.iceberg.jdbc.JdbcCatalog")
                .containsEntry("uri", "jdbc:postgresql://db:5432/lake")
                .containsEntry("jdbc.user", "lake")
                .containsEntry("jdbc.password", "pg-secret")
                .containsEntry("warehouse", "s3://lakehouse/warehouse")
                .containsEntry("io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .containsEntry("s3.endpoint", "http://s3:9000")
                .containsEntry("s3.path-style-access", "true")
                .containsEntry("s3.access-key-id", "ak")
                .containsEntry("s3.secret-access-key", "s3-secret")
                .containsEntry("client.region", "us-east-1");
        assertThat(settings.toString()).doesNotContain("pg-secret").doesNotContain("s3-secret").contains("***");
    }
}

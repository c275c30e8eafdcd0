package io.github.flinklakehouse.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
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
    void createsRawTablesWithSchemasAndDayPartitions() {
        List<String> created = LakeTables.ensureRawTables(catalog);

        assertThat(created).containsExactly("raw.clickstream_events", "raw.rejected_events");
        Table events = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
        assertThat(events.schema().columns()).extracting(Types.NestedField::name).containsExactly(
                "event_time", "event_type", "product_id", "category_id", "category_code", "brand", "price",
                "user_id", "user_session", "event_id", "source", "source_position", "ingested_at");
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
    void ensureIsIdempotent() {
        LakeTables.ensureRawTables(catalog);
        long snapshotsBefore = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).history().size();

        assertThat(LakeTables.ensureRawTables(catalog)).isEmpty();
        assertThat(catalog.loadTable(RawTables.CLICKSTREAM_EVENTS).history()).hasSize((int) snapshotsBefore);
        assertThat(catalog.listTables(RawTables.RAW)).hasSize(2);
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

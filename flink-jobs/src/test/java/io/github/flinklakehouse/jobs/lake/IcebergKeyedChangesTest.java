package io.github.flinklakehouse.jobs.lake;

import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.CuratedTables;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upserts and deletes by key, committed as one row delta, on a real (local) Iceberg table partitioned like
 * {@code curated.fact_user_events}: rows of several day partitions, an upsert replacing a row of an earlier commit, a
 * delete removing one, nothing visible before the commit; and clear errors for tables it cannot key.
 */
class IcebergKeyedChangesTest {

    @TempDir
    Path warehouse;

    private Catalog catalog;
    private Table facts;

    @BeforeEach
    void createTable() {
        catalog = CatalogLoader.hadoop("test", new org.apache.hadoop.conf.Configuration(),
                Map.of("warehouse", warehouse.toUri().toString())).loadCatalog();
        facts = catalog.createTable(CuratedTables.FACT_USER_EVENTS, CuratedTables.FACT_USER_EVENTS_SCHEMA,
                CuratedTables.FACT_USER_EVENTS_SPEC, Map.of("format-version", "2"));
    }

    @Test
    void upsertsReplaceAndDeletesRemoveRowsOfEarlierCommitsAcrossPartitions() throws Exception {
        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(facts)) {
            changes.upsert(fact("a", "2025-01-10T10:00:00Z", 1));
            changes.upsert(fact("b", "2025-01-11T10:00:00Z", 1));
            changes.upsert(fact("c", "2025-01-12T10:00:00Z", 1));
            assertThat(rows()).as("nothing before the commit").isEmpty();
            changes.commit();
        }
        assertThat(rows()).containsExactlyInAnyOrder("a 1", "b 1", "c 1");
        // One data file per day (the event's UTC day), and its key's delete beside it.
        assertThat(addedFiles()).containsExactlyInAnyOrder("data 2025-01-10", "data 2025-01-11", "data 2025-01-12",
                "deletes 2025-01-10", "deletes 2025-01-11", "deletes 2025-01-12");

        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(facts)) {
            changes.upsert(fact("a", "2025-01-10T10:00:00Z", 2));
            changes.delete(fact("b", "2025-01-11T10:00:00Z", 0));
            // Same id, other event time: another key (event time is part of it), so a new row.
            changes.upsert(fact("c", "2025-01-13T10:00:00Z", 2));
            changes.commit();
            assertThat(changes.upserted()).isEqualTo(2);
            assertThat(changes.deleted()).isEqualTo(1);
        }
        assertThat(rows()).containsExactlyInAnyOrder("a 2", "c 1", "c 2");
        facts.refresh();
        assertThat(facts.currentSnapshot().operation()).isEqualTo("overwrite");
    }

    @Test
    void aConcurrentCommitMatchingTheConflictFilterFailsTheCommitAndOneOutsideItDoesNot() throws Exception {
        Expression tenth = Expressions.and(
                Expressions.greaterThanOrEqual("event_time", "2025-01-10T00:00:00+00:00"),
                Expressions.lessThan("event_time", "2025-01-11T00:00:00+00:00"));
        try (IcebergKeyedChanges backfill = new IcebergKeyedChanges(facts, tenth)) {
            backfill.upsert(fact("a", "2025-01-10T10:00:00Z", 1));
            try (IcebergKeyedChanges live = new IcebergKeyedChanges(facts)) {
                live.upsert(fact("x", "2025-01-12T10:00:00Z", 9));
                live.commit();
            }
            backfill.commit();
        }
        assertThat(rows()).containsExactlyInAnyOrder("a 1", "x 9");

        try (IcebergKeyedChanges backfill = new IcebergKeyedChanges(facts, tenth)) {
            backfill.upsert(fact("a", "2025-01-10T10:00:00Z", 2));
            try (IcebergKeyedChanges live = new IcebergKeyedChanges(facts)) {
                live.upsert(fact("y", "2025-01-10T11:00:00Z", 9));
                live.commit();
            }
            assertThatThrownBy(backfill::commit).isInstanceOf(ValidationException.class);
        }
        assertThat(rows()).as("the conflicting commit changed nothing").containsExactlyInAnyOrder("a 1", "x 9", "y 9");
    }

    @Test
    void anUnpartitionedTablesFilesLieDirectlyInItsDataFolder() throws Exception {
        // In memory: file locations are kept as written (the local file system's paths would hide a double slash).
        InMemoryCatalog memory = new InMemoryCatalog();
        memory.initialize("memory", Map.of(CatalogProperties.WAREHOUSE_LOCATION, "memory://lake"));
        memory.createNamespace(CuratedTables.CURATED);
        Table products = memory.createTable(CuratedTables.DIM_PRODUCT, CuratedTables.DIM_PRODUCT_SCHEMA,
                PartitionSpec.unpartitioned(), Map.of("format-version", "2"));
        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(products)) {
            Record product = GenericRecord.create(CuratedTables.DIM_PRODUCT_SCHEMA);
            product.setField("product_key", 1L);
            product.setField("product_id", 45L);
            product.setField("latest_price", new java.math.BigDecimal("9.50"));
            product.setField("first_seen", OffsetDateTime.parse("2025-01-10T10:00:00Z"));
            product.setField("last_seen", OffsetDateTime.parse("2025-01-10T10:00:00Z"));
            changes.upsert(product);
            changes.commit();
        }
        products.refresh();
        // Not data//<file>: S3Proxy refuses such keys.
        assertThat(products.currentSnapshot().addedDataFiles(products.io())).singleElement()
                .satisfies(file -> assertThat(file.location()).doesNotContain("data//")
                        .startsWith(products.location() + "/data/"));
    }

    @Test
    void aCommitWithoutChangesLeavesTheTableAlone() throws Exception {
        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(facts)) {
            changes.commit();
        }
        facts.refresh();
        assertThat(facts.currentSnapshot()).isNull();
    }

    @Test
    void refusesTablesItCannotKeyAndChangesWithoutTheirKey() throws Exception {
        Schema noKey = new Schema(required(1, "id", Types.LongType.get()));
        Table unkeyed = catalog.createTable(TableIdentifier.of("t", "unkeyed"), noKey, PartitionSpec.unpartitioned(),
                Map.of("format-version", "2"));
        assertThatThrownBy(() -> new IcebergKeyedChanges(unkeyed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table test.t.unkeyed has no identifier fields to key changes by");

        Schema keyedById = new Schema(List.of(required(1, "id", Types.LongType.get()),
                required(2, "at", Types.TimestampType.withZone())), Set.of(1));
        Table partitionedOutsideKey = catalog.createTable(TableIdentifier.of("t", "by_day"), keyedById,
                PartitionSpec.builderFor(keyedById).day("at").build(), Map.of("format-version", "2"));
        assertThatThrownBy(() -> new IcebergKeyedChanges(partitionedOutsideKey))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table test.t.by_day is partitioned by at, which its key [id] lacks");

        try (IcebergKeyedChanges changes = new IcebergKeyedChanges(facts)) {
            Record withoutTime = fact("a", "2025-01-10T10:00:00Z", 1);
            withoutTime.setField("event_time", null);
            assertThatThrownBy(() -> changes.delete(withoutTime)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("A change of test.curated.fact_user_events without its key column "
                            + "event_time");
        }
    }

    /** The kind and day partition of each file the current snapshot added. */
    private List<String> addedFiles() {
        facts.refresh();
        List<String> added = new ArrayList<>();
        facts.currentSnapshot().addedDataFiles(facts.io())
                .forEach(file -> added.add("data " + day(file.partition().get(0, Integer.class))));
        facts.currentSnapshot().addedDeleteFiles(facts.io())
                .forEach(file -> added.add("deletes " + day(file.partition().get(0, Integer.class))));
        return added;
    }

    private static LocalDate day(int daysSinceEpoch) {
        return LocalDate.ofEpochDay(daysSinceEpoch);
    }

    private List<String> rows() throws Exception {
        facts.refresh();
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(facts).build()) {
            for (Record record : records) {
                rows.add(record.getField("event_id") + " " + record.getField("user_key"));
            }
        }
        return rows;
    }

    private static Record fact(String id, String time, long userKey) {
        Record row = GenericRecord.create(CuratedTables.FACT_USER_EVENTS_SCHEMA);
        row.setField("event_id", id);
        row.setField("event_time", OffsetDateTime.parse(time));
        row.setField("event_type", "view");
        row.setField("user_key", userKey);
        row.setField("user_id", 7L);
        row.setField("product_key", 9L);
        row.setField("product_id", 45L);
        row.setField("session", "s-1");
        return row;
    }
}

package io.github.flinklakehouse.jobs.lake;

import static org.apache.iceberg.types.Types.NestedField.required;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.CuratedTables;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
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

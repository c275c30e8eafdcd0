package io.github.flinklakehouse.catalog;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * The curated tables of the lake as code: the warehouse's dimensions and facts ({@code curated.dim_user},
 * {@code curated.dim_product}, {@code curated.fact_user_events}), the lake copies of the PostgreSQL tables of the same
 * names, written by the same operators.
 *
 * <p>Every table declares its key as Iceberg identifier fields and is written by upsert (format v2: an equality
 * delete of the key with each row), so a row written again replaces the old one: a version closes, a product's
 * latest price moves on, a replayed or backfilled event rewrites its fact instead of doubling it. The dimensions are
 * small and unpartitioned; the facts are partitioned by the UTC day of the event, so their key is
 * {@code (event_id, event_time)} (Iceberg requires the partition's source column in the key; a replay has the same
 * event time) and a fact's deletes stay in its day.
 */
public final class CuratedTables {

    /** Namespace of all curated tables. */
    public static final Namespace CURATED = Namespace.of("curated");

    public static final TableIdentifier DIM_USER = TableIdentifier.of(CURATED, "dim_user");
    public static final TableIdentifier DIM_PRODUCT = TableIdentifier.of(CURATED, "dim_product");
    public static final TableIdentifier FACT_USER_EVENTS = TableIdentifier.of(CURATED, "fact_user_events");

    /** Columns of {@code curated.dim_product}; identifier field {@code product_key}. */
    public static final Schema DIM_PRODUCT_SCHEMA = new Schema(List.of(
            required(1, "product_key", Types.LongType.get(), "deterministic surrogate key of product_id"),
            required(2, "product_id", Types.LongType.get()),
            optional(3, "category", Types.StringType.get(), "category_code of the latest event"),
            optional(4, "brand", Types.StringType.get(), "brand of the latest event"),
            required(5, "latest_price", Types.DecimalType.of(12, 2), "price of the latest event"),
            required(6, "first_seen", Types.TimestampType.withZone(), "event time of the earliest event"),
            required(7, "last_seen", Types.TimestampType.withZone(), "event time of the latest event")),
            Set.of(1));

    /** Columns of {@code curated.fact_user_events}: one row per valid event; identifier fields event_id, event_time. */
    public static final Schema FACT_USER_EVENTS_SCHEMA = new Schema(List.of(
            required(1, "event_id", Types.StringType.get(), "event_id, or source:position for an event without one"),
            required(2, "event_time", Types.TimestampType.withZone()),
            required(3, "event_type", Types.StringType.get()),
            required(4, "user_key", Types.LongType.get(), "the dim_user version valid at event_time"),
            required(5, "user_id", Types.LongType.get()),
            required(6, "product_key", Types.LongType.get()),
            required(7, "product_id", Types.LongType.get()),
            required(8, "session", Types.StringType.get()),
            optional(9, "quantity", Types.IntegerType.get(), "items the event is about, when the source says"),
            optional(10, "revenue", Types.DecimalType.of(18, 2), "revenue the source reported")),
            Set.of(1, 2));

    /** {@code curated.fact_user_events} is partitioned by the UTC day of the event time. */
    public static final PartitionSpec FACT_USER_EVENTS_SPEC =
            PartitionSpec.builderFor(FACT_USER_EVENTS_SCHEMA).day("event_time").build();

    private CuratedTables() {
    }

    /**
     * Columns of {@code curated.dim_user} tracking {@code attributeColumns} (one optional text column each, after the
     * fixed columns, so an attribute tracked later is appended to an existing table); identifier field
     * {@code user_key}.
     */
    public static Schema dimUserSchema(List<String> attributeColumns) {
        List<Types.NestedField> columns = new ArrayList<>(List.of(
                required(1, "user_key", Types.LongType.get(), "deterministic surrogate key of user_id and valid_from"),
                required(2, "user_id", Types.LongType.get()),
                required(3, "valid_from", Types.TimestampType.withZone(), "event time of the version's first event"),
                optional(4, "valid_to", Types.TimestampType.withZone(), "exclusive; null while current"),
                required(5, "is_current", Types.BooleanType.get())));
        for (String attribute : attributeColumns) {
            columns.add(optional(columns.size() + 1, attribute, Types.StringType.get(), "tracked attribute"));
        }
        return new Schema(columns, Set.of(1));
    }

    /** The warehouse's curated tables, {@code dim_user} tracking {@code attributeColumns}, in creation order. */
    public static List<TableDefinition> warehouse(List<String> attributeColumns) {
        return List.of(
                new TableDefinition(DIM_USER, dimUserSchema(attributeColumns), PartitionSpec.unpartitioned()),
                new TableDefinition(DIM_PRODUCT, DIM_PRODUCT_SCHEMA, PartitionSpec.unpartitioned()),
                new TableDefinition(FACT_USER_EVENTS, FACT_USER_EVENTS_SCHEMA, FACT_USER_EVENTS_SPEC));
    }
}

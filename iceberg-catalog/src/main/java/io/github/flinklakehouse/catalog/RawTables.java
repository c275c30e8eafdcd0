package io.github.flinklakehouse.catalog;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

import java.util.List;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * The raw tables of the lake as code: identifiers, schemas (with stable field ids) and partition specs.
 *
 * <p>Field ids are fixed here, never reassigned, so a table created by an older version keeps matching.
 */
public final class RawTables {

    /** Namespace of all raw tables. */
    public static final Namespace RAW = Namespace.of("raw");

    /** Every valid clickstream event, one row per source position. */
    public static final TableIdentifier CLICKSTREAM_EVENTS = TableIdentifier.of(RAW, "clickstream_events");

    /** Every record any pipeline rejected, with its reason and raw payload. */
    public static final TableIdentifier REJECTED_EVENTS = TableIdentifier.of(RAW, "rejected_events");

    /** Columns of {@code raw.clickstream_events}: the dataset fields plus lineage. */
    public static final Schema CLICKSTREAM_EVENTS_SCHEMA = new Schema(
            required(1, "event_time", Types.TimestampType.withZone()),
            required(2, "event_type", Types.StringType.get()),
            required(3, "product_id", Types.LongType.get()),
            required(4, "category_id", Types.LongType.get()),
            optional(5, "category_code", Types.StringType.get()),
            optional(6, "brand", Types.StringType.get()),
            required(7, "price", Types.DecimalType.of(12, 2)),
            required(8, "user_id", Types.LongType.get()),
            required(9, "user_session", Types.StringType.get()),
            optional(10, "event_id", Types.StringType.get()),
            required(11, "source", Types.StringType.get(), "where the event came from, e.g. kafka or file"),
            required(12, "source_position", Types.StringType.get(), "topic/partition/offset or path:line"),
            required(13, "ingested_at", Types.TimestampType.withZone(), "when the source received the event"),
            // Optional fields of the event contract added after the first release: appended with new ids, so
            // LakeTables.ensure can add them to an existing table and its old rows read them as null.
            optional(14, "device", Types.StringType.get(), "client device, e.g. mobile or desktop"),
            optional(15, "country", Types.StringType.get(), "country code of the user, e.g. DE"),
            optional(16, "region", Types.StringType.get(), "region within the country"),
            optional(17, "search_query", Types.StringType.get(), "what the user searched for (search events)"));

    /** Columns of {@code raw.rejected_events}. */
    public static final Schema REJECTED_EVENTS_SCHEMA = new Schema(
            required(1, "seen_at", Types.TimestampType.withZone()),
            required(2, "reason", Types.StringType.get(), "reason code, e.g. NOT_JSON or LATE"),
            required(3, "message", Types.StringType.get()),
            required(4, "source", Types.StringType.get()),
            required(5, "source_position", Types.StringType.get()),
            required(6, "payload", Types.BinaryType.get(), "the raw bytes exactly as received"));

    /** {@code raw.clickstream_events} is partitioned by the UTC day of the event time. */
    public static final PartitionSpec CLICKSTREAM_EVENTS_SPEC =
            PartitionSpec.builderFor(CLICKSTREAM_EVENTS_SCHEMA).day("event_time").build();

    /** {@code raw.rejected_events} is partitioned by the UTC day it was seen. */
    public static final PartitionSpec REJECTED_EVENTS_SPEC =
            PartitionSpec.builderFor(REJECTED_EVENTS_SCHEMA).day("seen_at").build();

    /** Every raw table with its schema and spec, in creation order. */
    public static final List<TableDefinition> ALL = List.of(
            new TableDefinition(CLICKSTREAM_EVENTS, CLICKSTREAM_EVENTS_SCHEMA, CLICKSTREAM_EVENTS_SPEC),
            new TableDefinition(REJECTED_EVENTS, REJECTED_EVENTS_SCHEMA, REJECTED_EVENTS_SPEC));

    private RawTables() {
    }
}

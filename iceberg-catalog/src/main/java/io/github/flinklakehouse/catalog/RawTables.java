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
            optional(17, "search_query", Types.StringType.get(), "what the user searched for (search events)"),
            optional(18, "quantity", Types.IntegerType.get(), "items the event is about, when the source says"),
            optional(19, "revenue", Types.DecimalType.of(18, 2), "revenue the source reported for the event"));

    /** Columns of {@code raw.rejected_events}. */
    public static final Schema REJECTED_EVENTS_SCHEMA = new Schema(
            required(1, "seen_at", Types.TimestampType.withZone()),
            required(2, "reason", Types.StringType.get(), "reason code, e.g. NOT_JSON or LATE"),
            required(3, "message", Types.StringType.get()),
            required(4, "source", Types.StringType.get()),
            required(5, "source_position", Types.StringType.get()),
            required(6, "payload", Types.BinaryType.get(), "the raw bytes exactly as received"));

    /** Every toll-gate count polled from the KEC {@code trafficIc} API, one row per source position. */
    public static final TableIdentifier TOLLGATE_TRAFFIC = TableIdentifier.of(RAW, "tollgate_traffic");

    /** Every KMA forecast or observation value polled, one row per source position. */
    public static final TableIdentifier WEATHER_FORECAST = TableIdentifier.of(RAW, "weather_forecast");

    /**
     * Columns of {@code raw.tollgate_traffic}: one toll gate x direction x lane type x vehicle class x time slot, codes
     * trimmed and names as delivered, plus lineage.
     */
    public static final Schema TOLLGATE_TRAFFIC_SCHEMA = new Schema(
            required(1, "slot_start", Types.TimestampType.withZone(), "start of the slot (sumDate/sumTm, KST, as UTC)"),
            required(2, "tm_type", Types.StringType.get(), "slot length: 1 one hour, 2 fifteen minutes"),
            required(3, "unit_code", Types.StringType.get(), "toll-gate code, trailing spaces removed"),
            optional(4, "unit_name", Types.StringType.get()),
            optional(5, "ex_div_code", Types.StringType.get()),
            optional(6, "ex_div_name", Types.StringType.get()),
            required(7, "inout_type", Types.StringType.get(), "0 entry, 1 exit"),
            optional(8, "inout_name", Types.StringType.get()),
            required(9, "tcs_type", Types.StringType.get(), "1 TCS, 2 hi-pass"),
            optional(10, "tcs_name", Types.StringType.get()),
            required(11, "car_type", Types.StringType.get(), "vehicle class 1-6"),
            optional(12, "traffic_amount", Types.LongType.get(), "vehicles; null when the API sent an empty amount"),
            required(13, "source", Types.StringType.get(), "http"),
            required(14, "source_position", Types.StringType.get(), "endpoint@window start/page n/item i"),
            required(15, "ingested_at", Types.TimestampType.withZone(), "end of the polled window"));

    /** Columns of {@code raw.weather_forecast}: one grid cell x base time x forecast time x category, plus lineage. */
    public static final Schema WEATHER_FORECAST_SCHEMA = new Schema(
            required(1, "base_time", Types.TimestampType.withZone(), "when the forecast was issued (KST, as UTC)"),
            required(2, "forecast_time", Types.TimestampType.withZone(),
                    "the time it describes; the base time for observations"),
            required(3, "nx", Types.IntegerType.get(), "KMA 5 km grid column"),
            required(4, "ny", Types.IntegerType.get(), "KMA 5 km grid row"),
            required(5, "category", Types.StringType.get(), "e.g. T1H, RN1, PTY, SKY"),
            required(6, "value_text", Types.StringType.get(), "the value exactly as delivered"),
            optional(7, "value_numeric", Types.DoubleType.get(), "the value as a number by the documented rules"),
            required(8, "source", Types.StringType.get(), "http"),
            required(9, "source_position", Types.StringType.get(), "endpoint@window start/page n/item i"),
            required(10, "ingested_at", Types.TimestampType.withZone(), "end of the polled window"));

    /** {@code raw.clickstream_events} is partitioned by the UTC day of the event time. */
    public static final PartitionSpec CLICKSTREAM_EVENTS_SPEC =
            PartitionSpec.builderFor(CLICKSTREAM_EVENTS_SCHEMA).day("event_time").build();

    /** {@code raw.rejected_events} is partitioned by the UTC day it was seen. */
    public static final PartitionSpec REJECTED_EVENTS_SPEC =
            PartitionSpec.builderFor(REJECTED_EVENTS_SCHEMA).day("seen_at").build();

    /** {@code raw.tollgate_traffic} is partitioned by the UTC day of the slot. */
    public static final PartitionSpec TOLLGATE_TRAFFIC_SPEC =
            PartitionSpec.builderFor(TOLLGATE_TRAFFIC_SCHEMA).day("slot_start").build();

    /** {@code raw.weather_forecast} is partitioned by the UTC day of the forecast time. */
    public static final PartitionSpec WEATHER_FORECAST_SPEC =
            PartitionSpec.builderFor(WEATHER_FORECAST_SCHEMA).day("forecast_time").build();

    /** Every raw table with its schema and spec, in creation order. */
    public static final List<TableDefinition> ALL = List.of(
            new TableDefinition(CLICKSTREAM_EVENTS, CLICKSTREAM_EVENTS_SCHEMA, CLICKSTREAM_EVENTS_SPEC),
            new TableDefinition(REJECTED_EVENTS, REJECTED_EVENTS_SCHEMA, REJECTED_EVENTS_SPEC));

    /**
     * The road-traffic pipeline's raw tables and the shared rejected table, in creation order; kept apart from
     * {@link #ALL} so that the clickstream does not create tables it never writes.
     */
    public static final List<TableDefinition> ROAD_TRAFFIC = List.of(
            new TableDefinition(TOLLGATE_TRAFFIC, TOLLGATE_TRAFFIC_SCHEMA, TOLLGATE_TRAFFIC_SPEC),
            new TableDefinition(WEATHER_FORECAST, WEATHER_FORECAST_SCHEMA, WEATHER_FORECAST_SPEC),
            new TableDefinition(REJECTED_EVENTS, REJECTED_EVENTS_SCHEMA, REJECTED_EVENTS_SPEC));

    private RawTables() {
    }
}

package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import java.util.List;

/**
 * The warehouse tables, declared with the marts' {@link MartTable} so the same DDL, upsert and sinks serve them:
 * {@code dim_user} (one row per user version; a column per tracked attribute), {@code dim_product} and
 * {@code fact_user_events}.
 */
public final class WarehouseTables {

    public static final MartTable<DimProductRow> DIM_PRODUCT = MartTable.builder("dim_product", DimProductRow.class)
            .purpose("one row per product seen in a valid event: its latest category, brand and price, first and last "
                    + "seen (event time)")
            .column("product_key", SqlType.BIGINT, DimProductRow::productKey)
            .column("product_id", SqlType.BIGINT, DimProductRow::productId)
            .nullableColumn("category", SqlType.TEXT, DimProductRow::categoryCode)
            .nullableColumn("brand", SqlType.TEXT, DimProductRow::brand)
            .column("latest_price", SqlType.MONEY, DimProductRow::latestPrice)
            .column("first_seen", SqlType.TIMESTAMPTZ, DimProductRow::firstSeen)
            .column("last_seen", SqlType.TIMESTAMPTZ, DimProductRow::lastSeen)
            .key("product_key")
            .build();

    public static final MartTable<FactUserEventRow> FACT_USER_EVENTS =
            MartTable.builder("fact_user_events", FactUserEventRow.class)
            .purpose("one row per valid event, with the dim_user version valid at its event time and its dim_product")
            .column("event_id", SqlType.TEXT, FactUserEventRow::eventId)
            .column("event_time", SqlType.TIMESTAMPTZ, FactUserEventRow::eventTime)
            .column("event_type", SqlType.TEXT, FactUserEventRow::eventType)
            .column("user_key", SqlType.BIGINT, FactUserEventRow::userKey)
            .column("user_id", SqlType.BIGINT, FactUserEventRow::userId)
            .column("product_key", SqlType.BIGINT, FactUserEventRow::productKey)
            .column("product_id", SqlType.BIGINT, FactUserEventRow::productId)
            .column("session", SqlType.TEXT, FactUserEventRow::session)
            .nullableColumn("quantity", SqlType.INTEGER, FactUserEventRow::quantity)
            .nullableColumn("revenue", SqlType.MONEY, FactUserEventRow::revenue)
            .key("event_id")
            // No period: a range's facts carry the keys of versions that only a run over the whole history has, so a
            // backfill publishes the warehouse tables with their own rule (WarehouseRangeMerge), not by range.
            .build();

    private WarehouseTables() {
    }

    /**
     * {@code dim_user} with one nullable text column per tracked attribute; a column tracked later is added to an
     * existing table (old rows hold NULL), a column no longer tracked stays and is no longer written.
     */
    public static MartTable<DimUserRow> dimUser(List<UserAttribute> tracked) {
        MartTable.Builder<DimUserRow> table = MartTable.builder("dim_user", DimUserRow.class)
                .purpose("one row per version of a user (SCD Type 2): the tracked attributes from valid_from until "
                        + "valid_to (exclusive; NULL while current)")
                .column("user_key", SqlType.BIGINT, DimUserRow::userKey)
                .column("user_id", SqlType.BIGINT, DimUserRow::userId);
        for (int i = 0; i < tracked.size(); i++) {
            int index = i;
            table.nullableColumn(tracked.get(i).field(), SqlType.TEXT, row -> row.attributes()[index])
                    .addedLater("NULL");
        }
        return table
                .column("valid_from", SqlType.TIMESTAMPTZ, DimUserRow::validFrom)
                .nullableColumn("valid_to", SqlType.TIMESTAMPTZ, DimUserRow::validTo)
                .column("is_current", SqlType.BOOLEAN, DimUserRow::isCurrent)
                .key("user_key")
                .build();
    }

    /** Every warehouse table for {@code settings}. */
    public static List<MartTable<?>> of(WarehouseSettings settings) {
        return List.of(dimUser(settings.trackedAttributes()), DIM_PRODUCT, FACT_USER_EVENTS);
    }
}

package io.github.flinklakehouse.jobs.warehouse;

import io.github.flinklakehouse.catalog.CuratedTables;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The rows of the warehouse tables as text, every column in the lake's order, from PostgreSQL and from their lake
 * copies ({@code curated.*}) alike, so a test compares the two row for row (timestamps as instants).
 */
final class CuratedRows {

    private final Map<String, List<String>> columns = new LinkedHashMap<>();

    /** For a warehouse tracking {@code settings}' attributes. */
    CuratedRows(WarehouseSettings settings) {
        columns.put("dim_user", Stream.concat(Stream.of("user_key", "user_id", "valid_from", "valid_to", "is_current"),
                settings.trackedAttributes().stream().map(UserAttribute::field)).toList());
        columns.put("dim_product", List.of("product_key", "product_id", "category", "brand", "latest_price",
                "first_seen", "last_seen"));
        columns.put("fact_user_events", List.of("event_id", "event_time", "event_type", "user_key", "user_id",
                "product_key", "product_id", "session", "quantity", "revenue"));
    }

    /** The three tables' names. */
    List<String> tables() {
        return List.copyOf(columns.keySet());
    }

    /** Every row of {@code curated.<table>} in {@code lake}. */
    List<String> lake(CatalogLoader lake, String table) throws Exception {
        List<String> rows = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(lake.loadCatalog()
                .loadTable(TableIdentifier.of(CuratedTables.CURATED, table))).build()) {
            for (Record record : records) {
                rows.add(columns.get(table).stream().map(record::getField).map(CuratedRows::text)
                        .collect(Collectors.joining(" ")));
            }
        }
        return rows;
    }

    /** Every row of the PostgreSQL {@code <schema>.<table>}. */
    List<String> postgres(String schema, String table) throws Exception {
        return TestPostgres.rowsAsText("SELECT " + String.join(", ", columns.get(table)) + " FROM " + schema + "."
                + table, columns.get(table).size());
    }

    private static String text(Object value) {
        return value instanceof OffsetDateTime time ? time.toInstant().toString() : String.valueOf(value);
    }
}

package io.github.flinklakehouse.jobs.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.catalog.CuratedTables;
import io.github.flinklakehouse.jobs.warehouse.FactUserEventRow;
import io.github.flinklakehouse.jobs.warehouse.WarehouseTables;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;

/** A mart row becomes the row of its lake copy, column by column by name, in the lake's column order. */
class MartTableRowsTest {

    private static final Instant AT = Instant.parse("2025-01-10T10:40:00Z");

    @Test
    void readsEachLakeColumnFromTheMartColumnOfTheSameName() {
        RowData row = new MartTableRows<>(WarehouseTables.FACT_USER_EVENTS, CuratedTables.FACT_USER_EVENTS_SCHEMA)
                .map(new FactUserEventRow("a5", AT, "purchase", 7L, 123L, 9L, 45L, "s-1", 2, new BigDecimal("62000")));

        assertThat(row.getArity()).isEqualTo(10);
        assertThat(row.getString(0)).isEqualTo(StringData.fromString("a5"));
        assertThat(row.getTimestamp(1, 6)).isEqualTo(TimestampData.fromInstant(AT));
        assertThat(row.getLong(3)).isEqualTo(7L);
        assertThat(row.getInt(8)).isEqualTo(2);
        assertThat(row.getDecimal(9, 18, 2)).isEqualTo(DecimalData.fromBigDecimal(new BigDecimal("62000.00"), 18, 2));

        RowData withoutOptionals = new MartTableRows<>(WarehouseTables.FACT_USER_EVENTS,
                CuratedTables.FACT_USER_EVENTS_SCHEMA)
                .map(new FactUserEventRow("a1", AT, "view", 7L, 123L, 9L, 45L, "s-1", null, null));
        assertThat(withoutOptionals.isNullAt(8)).isTrue();
        assertThat(withoutOptionals.isNullAt(9)).isTrue();
    }

    @Test
    void aLakeColumnWithoutAMartColumnOrAValueThatDoesNotFitIsNamed() {
        Schema unknown = new Schema(Types.NestedField.required(1, "no_such_column", Types.StringType.get()));
        assertThatThrownBy(() -> new MartTableRows<>(WarehouseTables.FACT_USER_EVENTS, unknown))
                .hasMessageContaining("no_such_column").hasMessageContaining("fact_user_events");

        MartTableRows<FactUserEventRow> rows =
                new MartTableRows<>(WarehouseTables.FACT_USER_EVENTS, CuratedTables.FACT_USER_EVENTS_SCHEMA);
        FactUserEventRow tooPrecise = new FactUserEventRow("a5", AT, "purchase", 7L, 123L, 9L, 45L, "s-1", 2,
                new BigDecimal("1.005"));
        assertThatThrownBy(() -> rows.map(tooPrecise)).hasMessageContaining("revenue").hasMessageContaining("1.005");
    }
}

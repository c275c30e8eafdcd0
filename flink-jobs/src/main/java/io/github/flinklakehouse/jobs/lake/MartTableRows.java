package io.github.flinklakehouse.jobs.lake;

import io.github.flinklakehouse.jobs.marts.MartColumn;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/**
 * Converts a row of a {@link MartTable} into a row of the Iceberg table that is its lake copy: each Iceberg column is
 * read by the mart column of the same name, so the PostgreSQL table and the lake table take their values from one
 * declaration. A lake column without a mart column, or a value that does not fit its Iceberg type, fails at once
 * naming the column.
 */
public final class MartTableRows<R> implements MapFunction<R, RowData> {

    private static final long serialVersionUID = 1L;

    private final List<MartColumn<R>> columns;
    private final List<Type> types;

    public MartTableRows(MartTable<R> table, Schema lakeSchema) {
        this.columns = lakeSchema.columns().stream().map(field -> {
            if (!table.columns().contains(field.name())) {
                throw new IllegalArgumentException("Lake column " + field.name() + " has no column in "
                        + table.name() + " " + table.columns());
            }
            return table.column(field.name());
        }).toList();
        this.types = lakeSchema.columns().stream().map(Types.NestedField::type).toList();
    }

    @Override
    public RowData map(R row) {
        GenericRowData converted = new GenericRowData(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            converted.setField(i, internal(columns.get(i), types.get(i), columns.get(i).value().of(row)));
        }
        return converted;
    }

    private static Object internal(MartColumn<?> column, Type type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type.typeId()) {
            case STRING -> StringData.fromString((String) value);
            case TIMESTAMP -> TimestampData.fromInstant((Instant) value);
            case DATE -> (int) ((LocalDate) value).toEpochDay();
            case DECIMAL -> decimal(column, (Types.DecimalType) type, (BigDecimal) value);
            case LONG -> ((Number) value).longValue();
            case INTEGER -> ((Number) value).intValue();
            case BOOLEAN -> (Boolean) value;
            default -> throw new IllegalArgumentException("Column " + column.name() + ": lake type " + type
                    + " is not supported");
        };
    }

    private static DecimalData decimal(MartColumn<?> column, Types.DecimalType type, BigDecimal value) {
        DecimalData decimal = DecimalData.fromBigDecimal(value, type.precision(), type.scale());
        if (decimal == null || value.scale() > type.scale()) {
            throw new IllegalArgumentException("Column " + column.name() + ": " + value + " does not fit " + type);
        }
        return decimal;
    }
}

package io.github.flinklakehouse.jobs.lake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.iceberg.Schema;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.types.Types;

/**
 * Reads rows of a PostgreSQL table as records of its lake copy: each Iceberg column from the result column of the
 * same name, timestamps in UTC and decimals at the lake's scale, so a record read here equals the record Iceberg reads
 * back for the same row. A value that does not fit its lake type fails naming the column.
 */
public final class JdbcLakeRecords {

    private final Schema schema;

    public JdbcLakeRecords(Schema schema) {
        this.schema = schema;
    }

    /** The select list of the lake's columns, qualified by {@code alias}. */
    public String selectList(String alias) {
        return schema.columns().stream().map(column -> alias + "." + column.name()).collect(Collectors.joining(", "));
    }

    /** The current row of {@code rows} as a record of the lake schema. */
    public Record read(ResultSet rows) throws SQLException {
        Record record = GenericRecord.create(schema);
        List<Types.NestedField> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            Types.NestedField column = columns.get(i);
            record.set(i, value(rows, column));
        }
        return record;
    }

    /** {@code record} with its values as {@link #read} gives them (Iceberg returns timestamps at UTC already). */
    public Record normalize(Record record) {
        Record normalized = GenericRecord.create(schema);
        List<Types.NestedField> columns = schema.columns();
        for (int i = 0; i < columns.size(); i++) {
            normalized.set(i, normalize(columns.get(i), record.getField(columns.get(i).name())));
        }
        return normalized;
    }

    private static Object value(ResultSet rows, Types.NestedField column) throws SQLException {
        String name = column.name();
        Object value = switch (column.type().typeId()) {
            case STRING -> rows.getString(name);
            case TIMESTAMP -> {
                if (!((Types.TimestampType) column.type()).shouldAdjustToUTC()) {
                    throw new IllegalArgumentException("Column " + name + ": only timestamps with time zone are "
                            + "supported, not " + column.type());
                }
                yield rows.getObject(name, OffsetDateTime.class);
            }
            case DECIMAL -> rows.getBigDecimal(name);
            case LONG -> rows.getLong(name);
            case INTEGER -> rows.getInt(name);
            case BOOLEAN -> rows.getBoolean(name);
            default -> throw new IllegalArgumentException("Column " + name + ": lake type " + column.type()
                    + " is not supported");
        };
        return rows.wasNull() ? null : normalize(column, value);
    }

    private static Object normalize(Types.NestedField column, Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof BigDecimal decimal && column.type() instanceof Types.DecimalType type) {
            BigDecimal scaled;
            try {
                scaled = decimal.setScale(type.scale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Column " + column.name() + ": " + value + " does not fit "
                        + type, e);
            }
            if (scaled.precision() > type.precision()) {
                throw new IllegalArgumentException("Column " + column.name() + ": " + value + " does not fit " + type);
            }
            return scaled;
        }
        return value;
    }
}

package io.github.flinklakehouse.jobs.marts;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The PostgreSQL type of a mart column and how a Java value binds to it, so a table's DDL and its upsert
 * follow from one column declaration.
 *
 * <p>Dates bind as {@link LocalDate} and instants as {@link OffsetDateTime} in UTC: neither the JVM's nor the
 * server's time zone can shift them.
 */
public enum SqlType {
    /** {@code boolean}, bound from a {@link Boolean}. */
    BOOLEAN("boolean", Types.BOOLEAN),
    /** {@code smallint}, bound from any {@link Number}. */
    SMALLINT("smallint", Types.SMALLINT),
    /** {@code integer}, bound from any {@link Number}. */
    INTEGER("integer", Types.INTEGER),
    /** {@code bigint}, bound from any {@link Number}. */
    BIGINT("bigint", Types.BIGINT),
    /**
     * {@code numeric(20, 2)}: money, bound from a {@link BigDecimal}; holds every sum the engine keeps (a
     * {@code long} of cents), so PostgreSQL never refuses a row for its size. Earlier versions used
     * {@code numeric(18, 2)}; {@link MartTable#ddl} widens such columns.
     */
    MONEY("numeric(20, 2)", Types.NUMERIC),
    /** {@code numeric(12, 4)}: a rate in [0, 1], bound from a {@link BigDecimal}. */
    RATE("numeric(12, 4)", Types.NUMERIC),
    /** {@code double precision}, bound from any {@link Number}: measurements such as coordinates, never money. */
    DOUBLE("double precision", Types.DOUBLE),
    /** {@code text}, bound from a {@link String}. */
    TEXT("text", Types.VARCHAR),
    /** {@code date}, bound from a {@link LocalDate}. */
    DATE("date", Types.DATE),
    /** {@code timestamptz}, bound from an {@link Instant}. */
    TIMESTAMPTZ("timestamptz", Types.TIMESTAMP_WITH_TIMEZONE);

    private final String ddl;
    private final int jdbcType;

    SqlType(String ddl, int jdbcType) {
        this.ddl = ddl;
        this.jdbcType = jdbcType;
    }

    /** The type as written in {@code CREATE TABLE}. */
    public String ddl() {
        return ddl;
    }

    /** Binds {@code value} (null allowed) to parameter {@code index}. */
    public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, jdbcType);
            return;
        }
        switch (this) {
            case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
            case SMALLINT -> statement.setShort(index, ((Number) value).shortValue());
            case INTEGER -> statement.setInt(index, ((Number) value).intValue());
            case BIGINT -> statement.setLong(index, ((Number) value).longValue());
            case MONEY, RATE -> statement.setBigDecimal(index, (BigDecimal) value);
            case DOUBLE -> statement.setDouble(index, ((Number) value).doubleValue());
            case TEXT -> statement.setString(index, (String) value);
            case DATE -> statement.setObject(index, (LocalDate) value);
            case TIMESTAMPTZ -> statement.setObject(index, OffsetDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
        }
    }
}

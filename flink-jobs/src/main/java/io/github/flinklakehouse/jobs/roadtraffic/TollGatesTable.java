package io.github.flinklakehouse.jobs.roadtraffic;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.marts.MartDatabase;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.marts.SqlType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The toll-gate dimension as a PostgreSQL table beside the marts ({@code tollgates}), so dashboards can show a gate's
 * name, region and location next to its numbers. Written when the job starts, from the same CSV the job reads; a gate
 * removed from the CSV keeps its row.
 */
public final class TollGatesTable {

    public static final MartTable<TollGate> TABLE = MartTable.builder("tollgates", TollGate.class)
            .purpose("the toll-gate dimension the road-traffic job runs with (road-traffic.tollgates-file), one row "
                    + "per unit_code")
            .column("unit_code", SqlType.TEXT, TollGate::unitCode)
            .column("unit_name", SqlType.TEXT, TollGate::name)
            .column("region", SqlType.TEXT, TollGate::region)
            .column("latitude", SqlType.DOUBLE, TollGate::latitude)
            .column("longitude", SqlType.DOUBLE, TollGate::longitude)
            .column("nx", SqlType.INTEGER, TollGate::nx)
            .column("ny", SqlType.INTEGER, TollGate::ny)
            .key("unit_code")
            .build();

    private TollGatesTable() {
    }

    /** Creates the table when absent and upserts every gate of {@code gates}, in one transaction. */
    public static void write(JdbcConnectionSettings connection, String schema, TollGateDirectory gates)
            throws SQLException {
        TABLE.ensure(connection, schema);
        try (Connection jdbc = MartDatabase.open(connection);
                PreparedStatement upsert = jdbc.prepareStatement(TABLE.upsert(schema).sql())) {
            jdbc.setAutoCommit(false);
            for (TollGate gate : gates.gates()) {
                TABLE.binder().accept(upsert, gate);
                upsert.addBatch();
            }
            upsert.executeBatch();
            jdbc.commit();
        }
    }
}

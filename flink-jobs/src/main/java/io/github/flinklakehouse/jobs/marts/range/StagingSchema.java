package io.github.flinklakehouse.jobs.marts.range;

import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.jobs.marts.MartDatabase;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A fresh PostgreSQL schema {@code backfill_<8 hex>} that holds the marts of one backfill until they are
 * published; only names of that form can be created or dropped, so a typo can never drop a live schema.
 *
 * @param name the schema name, {@code backfill_} followed by 8 lower-case hex digits
 */
public record StagingSchema(String name) {

    /** Prefix of every staging schema. */
    public static final String PREFIX = "backfill_";

    private static final Pattern NAME = Pattern.compile(PREFIX + "[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public StagingSchema {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("staging schema '" + name + "' must match " + NAME.pattern());
        }
    }

    /** A new random name (not yet created). */
    public static StagingSchema random() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return new StagingSchema(PREFIX + HexFormat.of().formatHex(bytes));
    }

    /**
     * Creates the schema and {@code tables} in it; fails when the schema already exists (a name collision or a
     * leftover), so two backfills never share one.
     */
    public void create(JdbcConnectionSettings connection, List<MartTable<?>> tables) throws SQLException {
        try (Connection jdbc = MartDatabase.open(connection); Statement statement = jdbc.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        }
        for (MartTable<?> table : tables) {
            table.ensure(connection, name);
        }
    }

    /** Drops the schema and everything in it; nothing happens when it does not exist. */
    public void drop(JdbcConnectionSettings connection) throws SQLException {
        try (Connection jdbc = MartDatabase.open(connection); Statement statement = jdbc.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    /** The staging schemas present in the database, e.g. left over by a backfill that was killed. */
    public static List<StagingSchema> existing(JdbcConnectionSettings connection) throws SQLException {
        List<StagingSchema> schemas = new ArrayList<>();
        try (Connection jdbc = MartDatabase.open(connection); Statement statement = jdbc.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'backfill\\_%' ORDER BY nspname")) {
            while (rows.next()) {
                String schema = rows.getString(1);
                if (NAME.matcher(schema).matches()) {
                    schemas.add(new StagingSchema(schema));
                }
            }
        }
        return schemas;
    }

    @Override
    public String toString() {
        return name;
    }
}

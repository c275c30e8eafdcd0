package io.github.flinklakehouse.jobs.marts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One column declaration gives the DDL, the upsert's column order and its binding, checked in a real PostgreSQL. */
class MartTableTest {

    /** A row of every column type. */
    record Sample(LocalDate day, int hour, long count, BigDecimal money, BigDecimal rate, String text, Instant at,
            boolean flag) {
    }

    static final MartTable<Sample> TABLE = MartTable.builder("sample_mart", Sample.class)
            .purpose("one row of every column type")
            .column("day", SqlType.DATE, Sample::day)
            .column("hour", SqlType.SMALLINT, Sample::hour).check("hour BETWEEN 0 AND 23")
            .column("count", SqlType.BIGINT, Sample::count)
            .column("money", SqlType.MONEY, Sample::money)
            .nullableColumn("rate", SqlType.RATE, Sample::rate)
            .column("text", SqlType.TEXT, Sample::text)
            .column("at", SqlType.TIMESTAMPTZ, Sample::at)
            .column("flag", SqlType.BOOLEAN, Sample::flag).addedLater("false")
            .key("day", "hour")
            .period(MartPeriod.hour("day", "hour"))
            .build();

    @Test
    void theDdlCreatesTheDeclaredColumnsInOrderAndTheUpsertBindsThemByName() throws Exception {
        String schema = "mart_table_test";
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            TABLE.ensure(TestPostgres.connection(), schema);
            TABLE.ensure(TestPostgres.connection(), schema);

            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT column_name, data_type, is_nullable FROM"
                    + " information_schema.columns WHERE table_schema = '" + schema + "' AND table_name = 'sample_mart'"
                    + " ORDER BY ordinal_position")) {
                while (rows.next()) {
                    columns.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
                }
            }
            assertThat(columns).containsExactly("day date NO", "hour smallint NO", "count bigint NO",
                    "money numeric NO", "rate numeric YES", "text text NO", "at timestamp with time zone NO",
                    "flag boolean NO", "updated_at timestamp with time zone NO");

            Sample sample = new Sample(LocalDate.parse("2019-10-01"), 23, 7, new BigDecimal("12.34"), null,
                    "it's \"quoted\"", Instant.parse("2019-10-01T23:59:59Z"), true);
            for (int write = 0; write < 2; write++) {
                try (PreparedStatement upsert = connection.prepareStatement(TABLE.upsert(schema).sql())) {
                    TABLE.binder().accept(upsert, sample);
                    upsert.executeUpdate();
                }
            }
            statement.execute("SET TIME ZONE 'America/St_Johns'");
            try (ResultSet row = statement.executeQuery("SELECT day, hour, count, money, rate, text,"
                    + " at AT TIME ZONE 'UTC', flag FROM " + schema + ".sample_mart")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("2019-10-01");
                assertThat(row.getInt(2)).isEqualTo(23);
                assertThat(row.getLong(3)).isEqualTo(7);
                assertThat(row.getBigDecimal(4)).isEqualTo("12.34");
                assertThat(row.getObject(5)).isNull();
                assertThat(row.getString(6)).isEqualTo("it's \"quoted\"");
                assertThat(row.getString(7)).isEqualTo("2019-10-01 23:59:59");
                assertThat(row.getBoolean(8)).isTrue();
                assertThat(row.next()).as("the second write upserted the same key").isFalse();
            }
            assertThatThrownBy(() -> statement.execute("INSERT INTO " + schema + ".sample_mart (day, hour, count,"
                    + " money, text, at, flag) VALUES ('2019-10-01', 24, 1, 0, 'x', now(), true)"))
                    .hasMessageContaining("check constraint");
        }
    }

    @Test
    void moneyHoldsEverySumTheEngineKeepsAndAnOlderNarrowColumnIsWidened() throws Exception {
        String schema = "mart_table_money";
        BigDecimal largest = BigDecimal.valueOf(Long.MAX_VALUE, 2);
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            // The table as an earlier version created it.
            statement.execute(TABLE.ddl(schema).replace("money numeric(20, 2)", "money numeric(18, 2)")
                    .replaceAll("(?s)DO \\$\\$.*?END \\$\\$;", ""));
            assertThat(moneyPrecision(statement, schema)).isEqualTo(18);

            TABLE.ensure(TestPostgres.connection(), schema);
            assertThat(moneyPrecision(statement, schema)).isEqualTo(20);
            Sample sample = new Sample(LocalDate.parse("2019-10-01"), 0, 1, largest, null, "x", Instant.EPOCH, false);
            try (PreparedStatement upsert = connection.prepareStatement(TABLE.upsert(schema).sql())) {
                TABLE.binder().accept(upsert, sample);
                upsert.executeUpdate();
            }
            try (ResultSet row = statement.executeQuery("SELECT money FROM " + schema + ".sample_mart")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getBigDecimal(1)).isEqualTo(largest);
            }
        }
    }

    private static int moneyPrecision(Statement statement, String schema) throws Exception {
        try (ResultSet rows = statement.executeQuery("SELECT numeric_precision FROM information_schema.columns"
                + " WHERE table_schema = '" + schema + "' AND table_name = 'sample_mart' AND column_name = 'money'")) {
            assertThat(rows.next()).isTrue();
            return rows.getInt(1);
        }
    }

    @Test
    void holdingBackLeavesRowsOfPeriodsThatBeganEarlierAsTheyAre() throws Exception {
        String schema = "mart_table_hold_back_test";
        Instant holdBackBefore = Instant.parse("2019-10-01T10:00:00.001Z");
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            TABLE.ensure(TestPostgres.connection(), schema);
            write(connection, TABLE.upsert(schema).sql(), sampleAt(9, 1_000), sampleAt(10, 1_000));

            String holdingBack = TABLE.upsertHoldingBack(schema, holdBackBefore).sql();
            // 10:00 began before the hold-back instant (its last events were in the lake): partial, left alone; 11:00
            // began after it and 12:00 is new: written.
            write(connection, holdingBack, sampleAt(9, 3), sampleAt(10, 10), sampleAt(11, 5), sampleAt(12, 7));

            List<String> rows = new ArrayList<>();
            try (ResultSet row = statement.executeQuery(
                    "SELECT hour, count FROM " + schema + ".sample_mart ORDER BY hour")) {
                while (row.next()) {
                    rows.add(row.getInt(1) + ":" + row.getLong(2));
                }
            }
            assertThat(rows).containsExactly("9:1000", "10:1000", "11:5", "12:7");
        }
    }

    private static Sample sampleAt(int hour, long count) {
        return new Sample(LocalDate.parse("2019-10-01"), hour, count, BigDecimal.ONE, null, "x",
                Instant.parse("2019-10-01T00:00:00Z"), false);
    }

    private static void write(Connection connection, String sql, Sample... samples) throws Exception {
        try (PreparedStatement upsert = connection.prepareStatement(sql)) {
            for (Sample sample : samples) {
                TABLE.binder().accept(upsert, sample);
                upsert.executeUpdate();
            }
        }
    }

    @Test
    void declarationsAreCheckedWhenTheyAreMade() {
        assertThatThrownBy(() -> MartTable.builder("t", Sample.class).purpose("p")
                .column("Day", SqlType.DATE, Sample::day).key("Day").build())
                .hasMessageContaining("plain lower-case SQL identifier");
        assertThatThrownBy(() -> MartTable.builder("t", Sample.class).purpose("p")
                .nullableColumn("day", SqlType.DATE, Sample::day).key("day").build())
                .hasMessageContaining("must be NOT NULL");
        assertThatThrownBy(() -> MartTable.builder("t", Sample.class).purpose("p")
                .column("day", SqlType.DATE, Sample::day).key("hour").build())
                .hasMessageContaining("must all be among");
        assertThat(TABLE.ddl("marts")).startsWith("-- sample_mart: one row of every column type\n")
                .contains("ALTER TABLE marts.sample_mart ADD COLUMN IF NOT EXISTS flag boolean NOT NULL DEFAULT false;");
    }
}

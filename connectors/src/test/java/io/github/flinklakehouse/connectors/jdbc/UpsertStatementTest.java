package io.github.flinklakehouse.connectors.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpsertStatementTest {

    @Test
    void generatesInsertOnConflictUpdateOfNonKeyColumns() {
        UpsertStatement statement = UpsertStatement.of(
                "marts.traffic_hourly", List.of("event_date", "hour", "events", "revenue"), List.of("event_date", "hour"));

        assertThat(statement.sql()).isEqualTo(
                "INSERT INTO marts.traffic_hourly (event_date, hour, events, revenue) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (event_date, hour) DO UPDATE SET events = EXCLUDED.events, revenue = EXCLUDED.revenue");
    }

    @Test
    void touchColumnIsSetToNowOnInsertAndUpdate() {
        UpsertStatement statement = UpsertStatement.of("t", List.of("k", "v"), List.of("k")).touching("updated_at");

        assertThat(statement.sql()).isEqualTo(
                "INSERT INTO t (k, v, updated_at) VALUES (?, ?, now()) "
                        + "ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, updated_at = now()");
    }

    @Test
    void anUpdateConditionLeavesExistingRowsThatFailItAlone() {
        UpsertStatement statement = UpsertStatement.of("marts.t", List.of("k", "v"), List.of("k"))
                .touching("updated_at").updatingOnlyWhere("existing.k >= 10");

        assertThat(statement.sql()).isEqualTo(
                "INSERT INTO marts.t AS existing (k, v, updated_at) VALUES (?, ?, now()) "
                        + "ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v, updated_at = now() WHERE existing.k >= 10");
    }

    @Test
    void onlyKeyColumnsMeansDoNothing() {
        assertThat(UpsertStatement.of("t", List.of("k"), List.of("k")).sql())
                .isEqualTo("INSERT INTO t (k) VALUES (?) ON CONFLICT (k) DO NOTHING");
    }

    @Test
    void rejectsKeysOutsideColumnsAndUnsafeNames() {
        assertThatThrownBy(() -> UpsertStatement.of("t", List.of("a"), List.of("b")))
                .hasMessageContaining("Key columns [b]");
        assertThatThrownBy(() -> UpsertStatement.of("t; drop table x", List.of("a"), List.of("a")))
                .hasMessageContaining("Not a plain table name");
        assertThatThrownBy(() -> UpsertStatement.of("t", List.of("a b"), List.of("a b")))
                .hasMessageContaining("Not a plain column name");
    }
}

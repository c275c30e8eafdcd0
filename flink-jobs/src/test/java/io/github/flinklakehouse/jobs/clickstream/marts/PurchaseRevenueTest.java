package io.github.flinklakehouse.jobs.clickstream.marts;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.SinkBinding;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.ClickstreamJob;
import io.github.flinklakehouse.jobs.clickstream.EventType;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.generator.JsonEventEncoder;
import io.github.flinklakehouse.jobs.marts.JdbcMartSinks;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.testing.RawRecordsSource;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A purchase earns its {@code revenue}, else {@code price × quantity} (one item without a quantity): the whole job
 * (BATCH, the production upsert sinks into the test PostgreSQL) over a dataset purchase, a purchase of two items
 * without a revenue and one with a revenue gives exact revenues in {@code traffic_hourly}, {@code traffic_daily} and
 * {@code sessions}, equal to their independent SQL definitions.
 */
class PurchaseRevenueTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String SCHEMA = "purchase_revenue";

    private static final List<ClickEvent> EVENTS = List.of(
            event("10:00", EventType.PURCHASE, "s1", "10.00", null, null), // the dataset: earns its price, 10.00
            event("10:05", EventType.PURCHASE, "s1", "10.00", 2, null), // two items, no revenue: 20.00
            event("10:10", EventType.VIEW, "s1", "99.00", 5, null), // not a purchase: earns nothing
            event("10:20", EventType.PURCHASE, "s2", "10.00", 3, "25.00"), // the source's revenue: 25.00
            event("10:25", EventType.CART, "s2", "10.00", 2, "20.00")); // not a purchase: earns nothing

    @Test
    void aPurchaseEarnsItsRevenueElsePriceTimesQuantityInEveryRevenueMart() throws Exception {
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        ClickstreamSettings settings = ClickstreamSettings.defaults();
        ClickstreamMarts.ensureTables(TestPostgres.connection(), SCHEMA, settings);
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, LakehouseJobs.PIPELINES.defaults());
        LakehouseJobs.configureBackfill(env);
        List<byte[]> lines = EVENTS.stream().map(JsonEventEncoder::encode).toList();
        new ClickstreamJob(settings, RawRecordsSource.of("clicks", lines, Instant.parse("2019-10-02T00:00:00Z")
                .toEpochMilli()), SinkBinding.of(new DiscardingSink<>()), SinkBinding.of(new DiscardingSink<>()),
                new JdbcMartSinks(TestPostgres.connection(), SCHEMA, Duration.ofMillis(200)),
                ClickstreamMarts.of(settings))
                .addTo(env);
        env.executeAsync("purchase-revenue").getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertThat(query("SELECT revenue FROM " + SCHEMA + ".traffic_hourly")).containsExactly("55.00");
        assertThat(query("SELECT revenue FROM " + SCHEMA + ".traffic_daily")).containsExactly("55.00");
        assertThat(query("SELECT user_session || ' ' || revenue FROM " + SCHEMA + ".sessions ORDER BY 1"))
                .containsExactly("s1 30.00", "s2 25.00");
        try (Connection connection = TestPostgres.open()) {
            IndependentMarts.load(connection, EVENTS);
        }
        List<String> revenueMarts = List.of("traffic_hourly", "traffic_daily", "sessions");
        for (MartTable<?> table : ClickstreamMarts.tables(settings)) {
            if (revenueMarts.contains(table.name())) {
                IndependentMarts.assertMatchesDefinition(table, SCHEMA);
            }
        }
    }

    private static ClickEvent event(String time, EventType type, String session, String price, Integer quantity,
            String revenue) {
        return new ClickEvent(Instant.parse("2019-10-01T" + time + ":00Z"), type, 42, 7, "electronics.phone", "acme",
                new BigDecimal(price), 9, session, null, null, null, null, null, quantity,
                revenue == null ? null : new BigDecimal(revenue));
    }

    private static List<String> query(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}

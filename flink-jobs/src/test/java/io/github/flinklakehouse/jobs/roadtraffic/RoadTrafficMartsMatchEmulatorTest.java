package io.github.flinklakehouse.jobs.roadtraffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import io.github.flinklakehouse.dashboards.QuestionCheck;
import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.config.LakehouseConfig;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.EmulatedForecastItem;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.EmulatedRoadData;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.EmulatedTrafficCount;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.RoadApiEmulator;
import io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts;
import io.github.flinklakehouse.jobs.testing.DashboardQuestions;
import io.github.flinklakehouse.jobs.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.flink.CatalogLoader;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real road-traffic job graph (MiniCluster, parallelism 2, STREAMING) polls the API emulator over one UTC day of
 * 15-minute slots (pages of 50 records, injected HTTP 500 and 429 that must be retried, empty and grouped amounts,
 * padded codes, an unknown gate, bad records), writes the raw tables into a local-file Iceberg warehouse and the marts
 * into an embedded PostgreSQL; every mart must equal what this test computes on its own from the emulator's data.
 */
class RoadTrafficMartsMatchEmulatorTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    private static final Instant START = Instant.parse("2026-09-19T00:00:00Z");
    private static final Instant END = Instant.parse("2026-09-20T00:00:00Z");
    private static final long SLOT = Duration.ofMinutes(15).toMillis();
    private static final String SCHEMA = "road_traffic_emulated";
    private static final String BACKFILL_SCHEMA = "road_traffic_emulated_backfill";
    private static final EmulatedRoadData DATA = new EmulatedRoadData(42);

    @TempDir
    Path warehouse;

    @TempDir
    Path backfillWarehouse;

    @Test
    void everyMartEqualsAnIndependentComputationFromTheEmulatorsDataAndTheBackfillEqualsTheLiveRun()
            throws Exception {
        CatalogLoader catalogLoader = localCatalog(warehouse);
        Catalog catalog = catalogLoader.loadCatalog();
        try (RoadApiEmulator emulator = RoadApiEmulator.start(DATA, System.getenv("ROAD_TRAFFIC_TEST_KEC_KEY"),
                System.getenv("ROAD_TRAFFIC_TEST_KMA_KEY"), Clock.systemUTC(), 0)) {
            run(emulator, RuntimeExecutionMode.STREAMING, SCHEMA, catalogLoader);
            // The backfill: the same graph over the same past range in BATCH mode, into a schema (and lake) of its own.
            run(emulator, RuntimeExecutionMode.BATCH, BACKFILL_SCHEMA, localCatalog(backfillWarehouse));
        }

        List<EmulatedTrafficCount> served = new ArrayList<>();
        for (long slot = START.toEpochMilli(); slot < END.toEpochMilli(); slot += SLOT) {
            served.addAll(DATA.countsOf(Instant.ofEpochMilli(slot)));
        }
        List<EmulatedTrafficCount> parsed = served.stream().filter(c -> !EmulatedRoadData.isBadRecord(c)).toList();
        // A measurement served twice counts once: the copy of the latest poll position (repeats come at the end of
        // their slot, on a later page).
        Map<String, EmulatedTrafficCount> firsts = new java.util.LinkedHashMap<>();
        parsed.forEach(c -> firsts.put(c.unitCode().strip() + c.inoutType() + c.tcsType() + c.carType()
                + c.sumDate() + c.sumTm(), c));
        List<EmulatedTrafficCount> valid = List.copyOf(firsts.values());
        assertThat(parsed.size() - valid.size()).as("repeated measurements served").isEqualTo(5);
        // 24 hours x 9 gates x 2 directions x 6 classes x 2 lane types; 9 gates a day, ranked.
        assertThat(expectedHourly(valid)).hasSize(24 * 9 * 2 * 6 * 2);
        assertThat(expectedTop(valid)).hasSize(9);
        assertThat(rows("SELECT event_date, hour, unit_code, inout_type, car_type, tcs_type, region, volume, counts, "
                + "unreported_counts FROM " + SCHEMA + ".tollgate_traffic_hourly ORDER BY 1, 2, 3, 4, 5, 6"))
                .containsExactlyElementsOf(expectedHourly(valid));
        assertThat(rows("SELECT event_date, unit_code, region, volume, volume_car_1, volume_car_2, volume_car_3, "
                + "volume_car_4, volume_car_5, volume_car_6, share_car_1, share_car_2, share_car_3, share_car_4, "
                + "share_car_5, share_car_6, unreported_counts FROM " + SCHEMA
                + ".tollgate_traffic_daily ORDER BY 1, 2"))
                .containsExactlyElementsOf(expectedDaily(valid));
        assertThat(rows("SELECT event_date, rank, unit_code, region, volume FROM " + SCHEMA
                + ".tollgate_top_daily ORDER BY 1, 2")).containsExactlyElementsOf(expectedTop(valid));
        assertThat(rows("SELECT event_date, rank, unit_code, region, coefficient_of_variation, mean_hourly_volume, "
                + "hours, volume FROM " + SCHEMA + ".tollgate_volatility_daily ORDER BY 1, 2"))
                .containsExactlyElementsOf(expectedVolatility(valid));

        // 24 hours x 6 regions (5 of the dimension and 'unknown'); one day has no earlier weeks: no history.
        assertThat(expectedCongestion(valid)).hasSize(24 * 6);
        assertThat(rows("SELECT event_date, hour, region, volume, counts, history_weeks, usual_volume, "
                + "congestion_ratio, congestion_level FROM " + SCHEMA + ".region_congestion_hourly ORDER BY 1, 2, 3"))
                .containsExactlyElementsOf(expectedCongestion(valid));
        List<String> weather = expectedWeather(valid);
        assertThat(weather).hasSize(24 * 6).as("hours of some region with rain (PTY 1)")
                .anyMatch(row -> row.split(" ").length == 12 && row.split(" ")[9].equals("1"));
        assertThat(weather).as("hours whose latest forecast (HH-1:30) was missing: an older one is read")
                .anyMatch(row -> {
                    String[] f = row.split(" ");
                    return f.length == 12 && !f[6].equals(String.format("%02d:30",
                            Math.floorMod(Integer.parseInt(f[1]) - 1, 24)));
                })
                .as("hours of Gyeonggi with one of its 4 cells missing")
                .anyMatch(row -> row.contains(" Gyeonggi ") && row.split(" ")[7].equals("3"));
        assertThat(rows("SELECT event_date, hour, region, volume, counts, to_char(forecast_base_time AT TIME ZONE "
                + "'UTC', 'YYYY-MM-DD HH24:MI'), forecast_cells, temperature_c, precipitation_type, precipitation_mm, "
                + "sky FROM " + SCHEMA + ".traffic_weather_hourly ORDER BY 1, 2, 3"))
                .containsExactlyElementsOf(weather);

        assertThat(count(catalog.loadTable(RawTables.TOLLGATE_TRAFFIC))).isEqualTo(parsed.size());
        long forecastItems = 0;
        for (Instant base = START.minus(Duration.ofMinutes(30)); base.isBefore(END); base = base.plus(
                Duration.ofHours(1))) {
            for (List<int[]> cells : CELLS.values()) {
                for (int[] cell : cells) {
                    forecastItems += DATA.forecastOf(base, cell[0], cell[1]).size();
                }
            }
        }
        assertThat(forecastItems).as("8 grid cells x 25 base times x 60 items, some base times NO_DATA")
                .isLessThan(8L * 25 * 60).isGreaterThan(8L * 20 * 60);
        assertThat(count(catalog.loadTable(RawTables.WEATHER_FORECAST))).isEqualTo(forecastItems);
        Map<String, Long> rejected = new TreeMap<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(catalog.loadTable(RawTables.REJECTED_EVENTS))
                .build()) {
            records.forEach(r -> rejected.merge(r.getField("reason") + " " + r.getField("source"), 1L, Long::sum));
        }
        assertThat(rejected).isEqualTo(Map.of(
                "BAD_AMOUNT http", served.stream().filter(c -> c.trafficAmout().equals("12.5")).count(),
                "UNKNOWN_CODE http", served.stream().filter(c -> c.carType().equals("9")).count(),
                "DUPLICATE_COUNT http", (long) (parsed.size() - valid.size())));

        for (String table : List.of("tollgate_traffic_hourly", "tollgate_traffic_daily", "tollgate_top_daily",
                "tollgate_volatility_daily", "region_congestion_hourly", "traffic_weather_hourly")) {
            // Every column but updated_at, which differs between runs.
            String rows = "SELECT to_jsonb(t) - 'updated_at' FROM %s." + table + " t ORDER BY 1";
            assertThat(rows(rows.formatted(BACKFILL_SCHEMA))).as(table + " of the backfill")
                    .hasSizeGreaterThan(0).containsExactlyElementsOf(rows(rows.formatted(SCHEMA)));
        }

        // The dashboards' questions run on these marts (deploy/dashboards/road-traffic).
        Map<String, List<String>> answers = new TreeMap<>();
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
                String sql = java.nio.file.Files.readString(file).replace("marts.", SCHEMA + ".");
                answers.put(file.getFileName().toString(), rows(sql.substring(0, sql.lastIndexOf(';'))));
            }
        }
        assertThat(answers).containsOnlyKeys("hourly_pattern.sql", "region_congestion.sql", "tollgate_detail.sql",
                "tollgate_daily_vs_past.sql", "tollgate_hourly_vs_past.sql", "tollgate_vehicle_classes.sql",
                "top_10_tollgates.sql", "top_10_volatile.sql", "traffic_weather.sql", "vehicle_class_share.sql");
        // The heat map: 6 regions, a cell for each of the 24 hours, none with history yet (level 0, unknown).
        assertThat(answers.get("region_congestion.sql")).hasSize(6).allSatisfy(row -> assertThat(row)
                .endsWith(" 0".repeat(24))).first().asString().isEqualTo("Chungcheong" + " 0".repeat(24));
        assertThat(answers.get("traffic_weather.sql")).extracting(row -> row.split(" ")[0] + " " + row.split(" ")[1])
                .contains("unknown no").containsAll(List.of("Seoul none", "Seoul rain"));
        // The busiest gates of the latest day (as top_10_tollgates.sql), each with its hours of day.
        assertThat(answers.get("hourly_pattern.sql").stream().map(row -> row.split(" ")[1]).distinct())
                .containsExactlyInAnyOrderElementsOf(answers.get("top_10_tollgates.sql").stream()
                        .map(row -> row.split(" ")[2]).toList());
        assertThat(answers.get("tollgate_detail.sql")).hasSize(8).first().asString()
                .startsWith("101 서울 Seoul 37.4598 127.0423 ");
        assertThat(answers.get("top_10_tollgates.sql")).hasSize(9);
        assertThat(answers.get("top_10_volatile.sql")).hasSize(9);
        assertThat(answers.get("vehicle_class_share.sql")).hasSize(6);

        // Every question of the road-traffic dashboards (deploy/dashboards/*.dashboard.json), as the BI role reads it.
        long asked = System.nanoTime();
        List<QuestionCheck.Answer> questions = DashboardQuestions.run("road-traffic", SCHEMA);
        assertThat(QuestionCheck.problems(questions)).as(questions.toString()).isEmpty();
        assertThat(questions).hasSize(DashboardQuestions.questionCount("road-traffic"));
        System.out.printf("dashboard questions: %d answered in %d ms%n", questions.size(),
                (System.nanoTime() - asked) / 1_000_000);

        // The same dashboards on the page `lakehouse run` serves, in a headless browser: no script error, every chart
        // drawn with rows; screenshots under target/dashboards.
        long opened = System.nanoTime();
        assertThat(DashboardQuestions.pageProblems("road-traffic", SCHEMA)).isEmpty();
        System.out.printf("dashboards page: checked in headless Chromium in %d ms%n",
                (System.nanoTime() - opened) / 1_000_000);
    }

    @Test
    void aRefusedKeyEndsEachWindowAsADeadLetterThatNeverShowsTheKey() throws Exception {
        CatalogLoader catalogLoader = localCatalog(warehouse);
        String wrongKey = System.getenv("ROAD_TRAFFIC_TEST_KMA_KEY");
        try (RoadApiEmulator emulator = RoadApiEmulator.start(DATA, System.getenv("ROAD_TRAFFIC_TEST_KEC_KEY"),
                wrongKey, Clock.systemUTC(), 0)) {
            Map<String, String> options = new HashMap<>(Map.of("road-traffic.kec.key-env", "ROAD_TRAFFIC_TEST_KMA_KEY",
                    "road-traffic.weather.enabled", "false", "road-traffic.end", START.plus(Duration.ofMinutes(30))
                            .toString()));
            LakehouseConfig config = config(emulator, "road_traffic_wrong_key", options);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                    new Configuration().set(RestartStrategyOptions.RESTART_STRATEGY, "disable"));
            LakehouseJobs.configure(env, config);
            env.setRuntimeMode(RuntimeExecutionMode.BATCH);
            MartTable.ensureAll(config.marts().connection(), "road_traffic_wrong_key",
                    RoadTrafficMarts.tablesWithRejected(config.settings(RoadTrafficOptions.GROUP)));
            RoadTrafficWiring.create(config, catalogLoader, Clock.systemUTC()).addTo(env);
            env.executeAsync("road-traffic-wrong-key").getJobExecutionResult().get(2, TimeUnit.MINUTES);
        }
        List<Record> rejected = new ArrayList<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(localCatalog(warehouse).loadCatalog()
                .loadTable(RawTables.REJECTED_EVENTS)).build()) {
            records.forEach(r -> rejected.add(r.copy()));
        }
        assertThat(rejected).hasSize(2).allSatisfy(r -> {
            assertThat(r.getField("reason")).isEqualTo("API_ERROR");
            String text = r.getField("message") + " " + r.getField("source_position") + " "
                    + StandardCharsets.UTF_8.decode((java.nio.ByteBuffer) r.getField("payload"));
            assertThat(text).contains("key=***").contains("인증키가 유효하지 않습니다")
                    .doesNotContain(wrongKey).doesNotContain(java.net.URLEncoder.encode(wrongKey, StandardCharsets.UTF_8));
        });
        assertThat(count(localCatalog(warehouse).loadCatalog().loadTable(RawTables.TOLLGATE_TRAFFIC))).isZero();
        // rejected_daily counts them too, as this pipeline's rows of the table the pipelines share.
        assertThat(rows("SELECT pipeline, reason, sum(rejected) FROM road_traffic_wrong_key.rejected_daily"
                + " GROUP BY 1, 2")).containsExactly("road-traffic API_ERROR 2");
    }

    private static final Path DASHBOARDS = Path.of("..", "deploy", "dashboards", "road-traffic");

    private static CatalogLoader localCatalog(Path folder) {
        CatalogLoader catalogLoader = CatalogLoader.hadoop("test", new org.apache.hadoop.conf.Configuration(),
                Map.of("warehouse", folder.toUri().toString()));
        LakeTables.ensure(catalogLoader.loadCatalog(), RawTables.ROAD_TRAFFIC);
        return catalogLoader;
    }

    /** Runs the job graph over the day as {@code main} would build it, into {@code schema}. */
    private static void run(RoadApiEmulator emulator, RuntimeExecutionMode mode, String schema,
            CatalogLoader catalogLoader) throws Exception {
        LakehouseConfig config = config(emulator, schema, Map.of());
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        MartTable.ensureAll(config.marts().connection(), schema,
                RoadTrafficMarts.tablesWithRejected(config.settings(RoadTrafficOptions.GROUP)));
        TollGatesTable.write(config.marts().connection(), schema, TollGateDirectory.load(null));
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "disable");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        LakehouseJobs.configure(env, config);
        env.configure(new Configuration().set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(500)));
        env.setRuntimeMode(mode);
        RoadTrafficWiring.create(config, catalogLoader, Clock.systemUTC()).addTo(env);
        env.executeAsync("road-traffic-emulated-" + mode).getJobExecutionResult().get(4, TimeUnit.MINUTES);
    }

    private static LakehouseConfig config(RoadApiEmulator emulator, String schema, Map<String, String> more) {
        JdbcConnectionSettings postgres = TestPostgres.connection();
        Map<String, String> options = new HashMap<>(Map.of("marts.jdbc.url", postgres.url(), "marts.jdbc.user",
                postgres.user(), "marts.schema", schema, "pipeline.parallelism", "2", "marts.flush-interval", "200 ms",
                "road-traffic.kec.base-url", emulator.baseUrl(),
                "road-traffic.kma.base-url", emulator.baseUrl() + RoadApiEmulator.KMA_SERVICE_PATH,
                "road-traffic.kec.key-env", "ROAD_TRAFFIC_TEST_KEC_KEY",
                "road-traffic.kma.key-env", "ROAD_TRAFFIC_TEST_KMA_KEY"));
        options.putAll(Map.of("road-traffic.start", START.toString(), "road-traffic.end", END.toString(),
                "road-traffic.kec.rows-per-page", "100", "road-traffic.http.requests-per-second", "200"));
        options.putAll(more);
        return LakehouseJobs.PIPELINES.loadConfig(options, Optional.empty(),
                Map.of("LAKEHOUSE_MARTS_JDBC_PASSWORD", postgres.password()));
    }

    /** hour x gate x direction x class x lane: region, sum of amounts, counts, empty amounts. */
    private static List<String> expectedHourly(List<EmulatedTrafficCount> counts) {
        TreeMap<String, long[]> rows = new TreeMap<>();
        Map<String, String> regions = new HashMap<>();
        for (EmulatedTrafficCount c : counts) {
            ZonedDateTime utc = slotOf(c);
            String key = utc.toLocalDate() + "|" + String.format("%02d", utc.getHour()) + "|" + c.unitCode().strip()
                    + "|" + c.inoutType() + "|" + c.carType() + "|" + c.tcsType();
            long[] v = rows.computeIfAbsent(key, k -> new long[3]);
            v[0] += amount(c);
            v[1]++;
            v[2] += c.trafficAmout().isEmpty() ? 1 : 0;
            regions.put(key, region(c.unitCode().strip()));
        }
        List<String> expected = new ArrayList<>();
        rows.forEach((key, v) -> {
            String[] k = key.split("\\|");
            expected.add(String.join(" ", k[0], Integer.toString(Integer.parseInt(k[1])), k[2], k[3], k[4], k[5],
                    regions.get(key), Long.toString(v[0]), Long.toString(v[1]), Long.toString(v[2])));
        });
        return expected;
    }

    /** day x gate: region, volume, volume and share per class, empty amounts. */
    private static List<String> expectedDaily(List<EmulatedTrafficCount> counts) {
        TreeMap<String, long[]> rows = new TreeMap<>();
        for (EmulatedTrafficCount c : counts) {
            long[] v = rows.computeIfAbsent(slotOf(c).toLocalDate() + " " + c.unitCode().strip(), k -> new long[8]);
            v[0] += amount(c);
            v[Integer.parseInt(c.carType())] += amount(c);
            v[7] += c.trafficAmout().isEmpty() ? 1 : 0;
        }
        List<String> expected = new ArrayList<>();
        rows.forEach((key, v) -> {
            StringBuilder row = new StringBuilder(key).append(' ').append(region(key.split(" ")[1])).append(' ')
                    .append(v[0]);
            for (int car = 1; car <= 6; car++) {
                row.append(' ').append(v[car]);
            }
            for (int car = 1; car <= 6; car++) {
                row.append(' ').append(v[0] == 0 ? "null" : BigDecimal.valueOf(v[car])
                        .divide(BigDecimal.valueOf(v[0]), 4, RoundingMode.HALF_UP).toPlainString());
            }
            expected.add(row.append(' ').append(v[7]).toString());
        });
        return expected;
    }

    /** Per day the top 10 gates by volume, ties to the smaller code. */
    private static List<String> expectedTop(List<EmulatedTrafficCount> counts) {
        TreeMap<String, Map<String, Long>> days = new TreeMap<>();
        for (EmulatedTrafficCount c : counts) {
            days.computeIfAbsent(slotOf(c).toLocalDate().toString(), d -> new TreeMap<>())
                    .merge(c.unitCode().strip(), amount(c), Long::sum);
        }
        List<String> expected = new ArrayList<>();
        days.forEach((day, gates) -> {
            List<Map.Entry<String, Long>> ranked = new ArrayList<>(gates.entrySet());
            ranked.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            for (int rank = 1; rank <= Math.min(10, ranked.size()); rank++) {
                Map.Entry<String, Long> gate = ranked.get(rank - 1);
                expected.add(day + " " + rank + " " + gate.getKey() + " " + region(gate.getKey()) + " "
                        + gate.getValue());
            }
        });
        return expected;
    }

    /**
     * Per day the top 10 gates by coefficient of variation of their hourly volumes (population standard deviation /
     * mean over the hours with counts), rounded half up to 4 decimals, ties to the smaller code.
     */
    private static List<String> expectedVolatility(List<EmulatedTrafficCount> counts) {
        TreeMap<String, TreeMap<Integer, Long>> hourly = new TreeMap<>();
        for (EmulatedTrafficCount c : counts) {
            ZonedDateTime utc = slotOf(c);
            hourly.computeIfAbsent(utc.toLocalDate() + " " + c.unitCode().strip(), k -> new TreeMap<>())
                    .merge(utc.getHour(), amount(c), Long::sum);
        }
        TreeMap<String, List<String[]>> days = new TreeMap<>();
        hourly.forEach((key, hours) -> {
            double n = hours.size();
            double mean = hours.values().stream().mapToLong(Long::longValue).sum() / n;
            double variance = hours.values().stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / n;
            BigDecimal cv = BigDecimal.valueOf(Math.sqrt(variance) / mean).setScale(4, RoundingMode.HALF_UP);
            long volume = hours.values().stream().mapToLong(Long::longValue).sum();
            String[] k = key.split(" ");
            days.computeIfAbsent(k[0], d -> new ArrayList<>()).add(new String[] {k[1], cv.toPlainString(),
                    BigDecimal.valueOf(volume).divide(BigDecimal.valueOf(hours.size()), 4, RoundingMode.HALF_UP)
                            .toPlainString(), Integer.toString(hours.size()), Long.toString(volume)});
        });
        List<String> expected = new ArrayList<>();
        days.forEach((day, gates) -> {
            gates.sort(Comparator.<String[], BigDecimal>comparing(g -> new BigDecimal(g[1])).reversed()
                    .thenComparing(g -> g[0]));
            for (int rank = 1; rank <= Math.min(10, gates.size()); rank++) {
                String[] g = gates.get(rank - 1);
                expected.add(String.join(" ", day, Integer.toString(rank), g[0], region(g[0]), g[1], g[2], g[3], g[4]));
            }
        });
        return expected;
    }

    /** hour x region: volume, counts; no earlier week in a one-day run, so no usual volume and level 'unknown'. */
    private static List<String> expectedCongestion(List<EmulatedTrafficCount> counts) {
        TreeMap<String, long[]> rows = new TreeMap<>();
        for (EmulatedTrafficCount c : counts) {
            ZonedDateTime utc = slotOf(c);
            long[] v = rows.computeIfAbsent(utc.toLocalDate() + "|" + String.format("%02d", utc.getHour()) + "|"
                    + region(c.unitCode().strip()), k -> new long[2]);
            v[0] += amount(c);
            v[1]++;
        }
        List<String> expected = new ArrayList<>();
        rows.forEach((key, v) -> {
            String[] k = key.split("\\|");
            expected.add(String.join(" ", k[0], Integer.toString(Integer.parseInt(k[1])), k[2], Long.toString(v[0]),
                    Long.toString(v[1]), "0 null null unknown"));
        });
        return expected;
    }

    /**
     * hour x region: volume, counts and the forecast of the latest base time before the hour that has one (HH-1:30,
     * else an hour older...) for the hour, over the region's distinct grid cells it covers: mean T1H and RN1 (text
     * read by hand), most common PTY and SKY (ties to the larger code).
     */
    private static List<String> expectedWeather(List<EmulatedTrafficCount> counts) {
        TreeMap<String, long[]> rows = new TreeMap<>();
        for (EmulatedTrafficCount c : counts) {
            ZonedDateTime utc = slotOf(c);
            long[] v = rows.computeIfAbsent(utc.toLocalDate() + "|" + String.format("%02d", utc.getHour()) + "|"
                    + region(c.unitCode().strip()), k -> new long[2]);
            v[0] += amount(c);
            v[1]++;
        }
        Map<String, String> rain = Map.of("강수없음", "0", "1.0mm 미만", "0.5", "2.5mm", "2.5", "30.0~50.0mm", "40");
        List<String> expected = new ArrayList<>();
        rows.forEach((key, v) -> {
            String[] k = key.split("\\|");
            Instant hour = java.time.LocalDate.parse(k[0]).atStartOfDay(ZoneOffset.UTC)
                    .plusHours(Integer.parseInt(k[1])).toInstant();
            String forecastTime = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm")
                    .format(hour.atZone(EmulatedRoadData.KST));
            String traffic = String.join(" ", k[0], Integer.toString(Integer.parseInt(k[1])), k[2],
                    Long.toString(v[0]), Long.toString(v[1]));
            // The latest base time before the hour (HH-1:30) that has a forecast of the hour for some of the region's
            // cells, going back an hour at a time, up to 6 hours.
            Instant base = null;
            List<List<EmulatedForecastItem>> forecasts = new ArrayList<>();
            for (int age = 0; age < 6 && forecasts.isEmpty(); age++) {
                base = hour.minus(Duration.ofMinutes(30)).minus(Duration.ofHours(age));
                for (int[] cell : CELLS.getOrDefault(k[2], List.of())) {
                    List<EmulatedForecastItem> items = DATA.forecastOf(base, cell[0], cell[1]).stream()
                            .filter(item -> (item.fcstDate() + item.fcstTime()).equals(forecastTime)).toList();
                    if (!items.isEmpty()) {
                        forecasts.add(items);
                    }
                }
            }
            if (forecasts.isEmpty()) {
                expected.add(traffic + " null 0 null null null null");
                return;
            }
            BigDecimal temperature = BigDecimal.ZERO;
            BigDecimal precipitation = BigDecimal.ZERO;
            Map<Integer, Integer> types = new TreeMap<>(Comparator.reverseOrder());
            Map<Integer, Integer> skies = new TreeMap<>(Comparator.reverseOrder());
            for (List<EmulatedForecastItem> cell : forecasts) {
                for (EmulatedForecastItem item : cell) {
                    switch (item.category()) {
                        case "T1H" -> temperature = temperature.add(new BigDecimal(item.fcstValue()));
                        case "RN1" -> precipitation = precipitation.add(new BigDecimal(rain.get(item.fcstValue())));
                        case "PTY" -> types.merge(Integer.parseInt(item.fcstValue()), 1, Integer::sum);
                        case "SKY" -> skies.merge(Integer.parseInt(item.fcstValue()), 1, Integer::sum);
                        default -> { }
                    }
                }
            }
            BigDecimal n = BigDecimal.valueOf(forecasts.size());
            int type = mostCommon(types);
            expected.add(traffic + " " + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                    .format(base.atZone(ZoneOffset.UTC)) + " " + forecasts.size() + " "
                    + temperature.divide(n, 2, RoundingMode.HALF_UP).setScale(4).toPlainString() + " " + type + " "
                    + precipitation.divide(n, 2, RoundingMode.HALF_UP).setScale(4).toPlainString() + " "
                    + mostCommon(skies));
        });
        return expected;
    }

    /** The code most often seen, ties to the larger (the map iterates larger codes first). */
    private static int mostCommon(Map<Integer, Integer> codes) {
        int best = -1;
        int most = 0;
        for (Map.Entry<Integer, Integer> code : codes.entrySet()) {
            if (code.getValue() > most) {
                best = code.getKey();
                most = code.getValue();
            }
        }
        return best;
    }

    private static ZonedDateTime slotOf(EmulatedTrafficCount c) {
        return java.time.LocalDateTime.parse(c.sumDate() + c.sumTm(),
                java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmm"))
                .atZone(EmulatedRoadData.KST).withZoneSameInstant(ZoneOffset.UTC);
    }

    private static long amount(EmulatedTrafficCount c) {
        return c.trafficAmout().isEmpty() ? 0 : Long.parseLong(c.trafficAmout().replace(",", ""));
    }

    /** The region of the example dimension, read here on its own; gates it lacks are 'unknown'. */
    private static String region(String code) {
        return REGIONS.getOrDefault(code, "unknown");
    }

    private static final Map<String, String> REGIONS = exampleRegions();

    /** Per region of the example dimension its distinct grid cells (nx, ny), read here on its own. */
    private static final Map<String, List<int[]>> CELLS = exampleCells();

    private static Map<String, List<int[]>> exampleCells() {
        try (InputStream in = RoadTrafficMartsMatchEmulatorTest.class
                .getResourceAsStream("/roadtraffic/tollgates-example.csv")) {
            Map<String, java.util.Set<String>> cells = new HashMap<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("unit_code") && !line.isBlank())
                    .map(line -> line.split(","))
                    .forEach(f -> cells.computeIfAbsent(f[2], r -> new java.util.TreeSet<>()).add(f[5] + "," + f[6]));
            Map<String, List<int[]>> parsed = new HashMap<>();
            cells.forEach((region, set) -> parsed.put(region, set.stream().map(cell -> new int[] {
                Integer.parseInt(cell.split(",")[0]), Integer.parseInt(cell.split(",")[1])}).toList()));
            return parsed;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> exampleRegions() {
        try (InputStream in = RoadTrafficMartsMatchEmulatorTest.class
                .getResourceAsStream("/roadtraffic/tollgates-example.csv")) {
            Map<String, String> regions = new HashMap<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.startsWith("unit_code") && !line.isBlank())
                    .forEach(line -> regions.put(line.split(",")[0], line.split(",")[2]));
            return regions;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> rows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = TestPostgres.open(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    values.add(value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value));
                }
                rows.add(String.join(" ", values));
            }
        }
        return rows;
    }

    private static long count(Table table) {
        table.refresh();
        return table.currentSnapshot() == null ? 0
                : Long.parseLong(table.currentSnapshot().summary().get("total-records"));
    }
}

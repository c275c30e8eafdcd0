package io.github.flinklakehouse.deploy.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.catalog.CatalogSettings;
import io.github.flinklakehouse.catalog.LakeTables;
import io.github.flinklakehouse.catalog.RawTables;
import io.github.flinklakehouse.deploy.stack.BucketBootstrap;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs every example query file of {@code sql-client/src/main/sql/examples} through the real Flink SQL client
 * ({@code lakehouse sql -f}, non-interactive; all files in one session) against the local stack's Flink cluster, over rows this test put
 * into the lake (Iceberg's Java API) and the marts (JDBC), and checks each result against numbers computed
 * here from the same rows. The rows live in a database and bucket of their own, so other tests' data never
 * leaks into the results.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlClientExamplesSystemTest {
    private static final Duration FILE_TIMEOUT = Duration.ofMinutes(3);
    private static final Path EXAMPLES = LocalStackExtension.repoHome().resolve(SqlClientLauncher.EXAMPLES_DIR);
    private static final Instant DAY = Instant.parse("2019-10-01T00:00:00Z");
    private static final Instant SEEN = Instant.parse("2026-01-02T03:04:05Z");
    private static final DateTimeFormatter SHOWN_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** One raw event as the test writes it. */
    private record Event(Instant time, String type, long userId, BigDecimal price, String position) {
    }

    /** One rejected record as the test writes it. */
    private record Rejected(Instant seenAt, String reason, String source) {
    }

    private SqlClientLauncher launcher;
    private List<Event> firstBatch;
    private List<Event> allEvents;
    private long firstSnapshot;
    private List<Rejected> rejected;
    private Map<String, Long> martEvents;
    private Map<String, List<String>> exampleTables;

    @BeforeAll
    void putKnownRowsIntoTheLakeAndTheMarts(LocalStack stack) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        StackEndpoints isolated = isolatedEndpoints(stack, runId);
        launcher = new SqlClientLauncher(LocalStackExtension.repoHome(), stack.config().dataDir().resolve("sql-client"),
                stack.config().logsDir().resolve("sql-client-" + runId + ".log"), isolated);

        try (JdbcCatalog catalog = catalog(isolated)) {
            LakeTables.ensureRawTables(catalog);
            Random random = new Random(42);
            firstBatch = events(random, DAY, 40, Duration.ofSeconds(150), "p1");
            List<Event> secondBatch = events(random, DAY.plus(Duration.ofMinutes(100)), 30, Duration.ofSeconds(200), "p2");
            allEvents = Stream.concat(firstBatch.stream(), secondBatch.stream()).toList();
            Table events = catalog.loadTable(RawTables.CLICKSTREAM_EVENTS);
            firstSnapshot = IcebergAppender.append(events, firstBatch.stream().map(e -> eventRecord(events, e)).toList());
            IcebergAppender.append(events, secondBatch.stream().map(e -> eventRecord(events, e)).toList());

            rejected = List.of(new Rejected(SEEN, "NOT_JSON", "kafka"), new Rejected(SEEN.plusSeconds(60), "NOT_JSON", "kafka"),
                    new Rejected(SEEN.plusSeconds(5), "NOT_JSON", "file"), new Rejected(SEEN.plusSeconds(7), "LATE", "kafka"),
                    new Rejected(SEEN.plusSeconds(3600), "LATE", "kafka"), new Rejected(SEEN.plusSeconds(9), "UNKNOWN_EVENT_TYPE", "kafka"));
            Table rejectedTable = catalog.loadTable(RawTables.REJECTED_EVENTS);
            IcebergAppender.append(rejectedTable, rejected.stream().map(r -> rejectedRecord(rejectedTable, r)).toList());

            // The mart as a job that is behind would leave it: hour 1 short by 5, hour 2 not written yet, and an
            // hour the lake does not have.
            Map<String, long[]> rawHours = hourly(allEvents);
            martEvents = new TreeMap<>();
            martEvents.put("2019-10-01|0", rawHours.get("2019-10-01 00")[0]);
            martEvents.put("2019-10-01|1", rawHours.get("2019-10-01 01")[0] - 5);
            martEvents.put("2019-10-01|3", rawHours.get("2019-10-01 03")[0]);
            martEvents.put("2019-10-01|5", 7L);
            writeMart(isolated, martEvents);
            exampleTables = runEveryExampleInOneSession();
        }
    }

    @Test
    void everyExampleFileShowsOneTable() {
        assertThat(exampleTables.keySet()).containsExactly("raw_events_by_hour.sql", "raw_vs_marts_hourly.sql",
                "rejected_events_by_reason.sql", "time_travel.sql");
    }

    @Test
    void rawEventsByHourCountEveryEventOfTheLake() throws Exception {
        List<String> expected = new ArrayList<>();
        Map<String, Set<Long>> users = new HashMap<>();
        allEvents.forEach(e -> users.computeIfAbsent(hourOf(e.time()), k -> new HashSet<>()).add(e.userId()));
        hourly(allEvents).forEach((hour, c) -> expected.add(String.join("|", hour, Long.toString(c[0]), Long.toString(c[1]),
                Long.toString(c[2]), Long.toString(c[3]), Integer.toString(users.get(hour).size()),
                revenue(allEvents, hour).toPlainString())));

        List<String> table = exampleTables.get("raw_events_by_hour.sql");

        assertThat(table.get(0)).isEqualTo("event_hour|events|views|carts|purchases|unique_users|revenue");
        assertThat(table.subList(1, table.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void rejectedEventsAreCountedBySourceAndReason() throws Exception {
        Map<String, List<Rejected>> groups = rejected.stream()
                .collect(Collectors.groupingBy(r -> r.source() + "|" + r.reason(), TreeMap::new, Collectors.toList()));
        List<String> expected = groups.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, List<Rejected>>>comparingInt(g -> -g.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .map(g -> String.join("|", g.getKey(), Integer.toString(g.getValue().size()),
                        shown(g.getValue().stream().map(Rejected::seenAt).min(Comparator.naturalOrder()).orElseThrow()),
                        shown(g.getValue().stream().map(Rejected::seenAt).max(Comparator.naturalOrder()).orElseThrow())))
                .toList();

        List<String> table = exampleTables.get("rejected_events_by_reason.sql");

        assertThat(table.get(0)).isEqualTo("source|reason|records|first_seen|last_seen");
        assertThat(table.subList(1, table.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void rawAndMartsJoinShowsEveryHourAndItsDifference() throws Exception {
        Map<String, Long> raw = new TreeMap<>();
        hourly(allEvents).forEach((hour, c) -> raw.put(hour.substring(0, 10) + "|" + Integer.parseInt(hour.substring(11)), c[0]));
        Set<String> hours = new java.util.TreeSet<>(Comparator.comparing((String h) -> h.substring(0, 10))
                .thenComparingInt(h -> Integer.parseInt(h.substring(11))));
        hours.addAll(raw.keySet());
        hours.addAll(martEvents.keySet());
        List<String> expected = hours.stream().map(h -> String.join("|", h, shownLong(raw.get(h)), shownLong(martEvents.get(h)),
                Long.toString(raw.getOrDefault(h, 0L) - martEvents.getOrDefault(h, 0L)))).toList();

        List<String> table = exampleTables.get("raw_vs_marts_hourly.sql");

        assertThat(table.get(0)).isEqualTo("event_date|event_hour|raw_events|mart_events|difference");
        assertThat(table.subList(1, table.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void timeTravelReadsTheFirstSnapshotBesideTheCurrentOne() throws Exception {
        List<String> expected = new ArrayList<>();
        typeCounts(firstBatch).forEach((type, count) -> expected.add("then|" + type + "|" + count));
        typeCounts(allEvents).forEach((type, count) -> expected.add("now|" + type + "|" + count));

        List<String> table = exampleTables.get("time_travel.sql");

        assertThat(table.get(0)).isEqualTo("version|event_type|events");
        assertThat(table.subList(1, table.size())).containsExactlyElementsOf(expected);
    }

    @Test
    void aFailingStatementIsReportedAsAFailure() throws Exception {
        Path file = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("bad-", ".sql"),
                "SELECT * FROM lakehouse.`raw`.no_such_table;\n");
        try {
            SqlClientLauncher.Result result = launcher.runFile(file, Map.of(), FILE_TIMEOUT, line -> { });
            assertThat(result.failed()).as(result.output()).isTrue();
            assertThat(result.output()).contains("Could not execute SQL statement");
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    /**
     * Runs the example files one after the other in a single SQL client session, as a user's script of them would,
     * and returns each file's table. One client start (its JVM, catalogs and first job cost ~20 s) instead of one per
     * file.
     */
    private Map<String, List<String>> runEveryExampleInOneSession() throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(EXAMPLES)) {
            files = listed.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
        }
        StringBuilder script = new StringBuilder();
        for (Path file : files) {
            script.append(Files.readString(file)).append('\n');
        }
        Path combined = Files.writeString(Files.createTempFile("examples-", ".sql"), script);
        try {
            SqlClientLauncher.Result result = launcher.runFile(combined,
                    Map.of("SNAPSHOT_ID", Long.toString(firstSnapshot)), FILE_TIMEOUT.multipliedBy(2), line -> { });
            assertThat(result.failed()).as("the examples failed:%n%s", result.output()).isFalse();
            List<List<String>> tables = TableauOutput.tables(result.output());
            assertThat(tables).as("one table per example file %s:%n%s", files, result.output()).hasSize(files.size());
            Map<String, List<String>> byFile = new TreeMap<>();
            for (int i = 0; i < files.size(); i++) {
                byFile.put(files.get(i).getFileName().toString(), tables.get(i));
            }
            return byFile;
        } finally {
            Files.deleteIfExists(combined);
        }
    }

    private static List<Event> events(Random random, Instant start, int count, Duration gap, String partition) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int draw = random.nextInt(100);
            String type = draw < 70 ? "view" : draw < 85 ? "cart" : "purchase";
            events.add(new Event(start.plus(gap.multipliedBy(i)), type, 100 + random.nextInt(12),
                    BigDecimal.valueOf(random.nextInt(20_000), 2), "sql-test/" + partition + "/" + i));
        }
        return events;
    }

    /** Per "yyyy-MM-dd HH": events, views, carts, purchases. */
    private static Map<String, long[]> hourly(List<Event> events) {
        Map<String, long[]> hours = new TreeMap<>();
        for (Event e : events) {
            long[] c = hours.computeIfAbsent(hourOf(e.time()), k -> new long[4]);
            c[0]++;
            c["view".equals(e.type()) ? 1 : "cart".equals(e.type()) ? 2 : 3]++;
        }
        return hours;
    }

    private static BigDecimal revenue(List<Event> events, String hour) {
        return events.stream().filter(e -> hourOf(e.time()).equals(hour) && "purchase".equals(e.type()))
                .map(Event::price).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static Map<String, Long> typeCounts(List<Event> events) {
        return events.stream().collect(Collectors.groupingBy(Event::type, TreeMap::new, Collectors.counting()));
    }

    private static String hourOf(Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        return String.format("%s %02d", utc.toLocalDate(), utc.getHour());
    }

    private static String shown(Instant time) {
        return SHOWN_TIMESTAMP.format(time.atZone(ZoneOffset.UTC));
    }

    private static String shownLong(Long value) {
        return value == null ? "<NULL>" : value.toString();
    }

    private static Record eventRecord(Table table, Event e) {
        GenericRecord record = GenericRecord.create(table.schema());
        record.setField("event_time", e.time().atOffset(ZoneOffset.UTC));
        record.setField("event_type", e.type());
        record.setField("product_id", 1_000L + e.userId());
        record.setField("category_id", 2_053_013_555_631_882_655L);
        record.setField("category_code", "electronics.smartphone");
        record.setField("brand", null);
        record.setField("price", e.price());
        record.setField("user_id", e.userId());
        record.setField("user_session", "session-" + e.userId());
        record.setField("event_id", null);
        record.setField("source", "kafka");
        record.setField("source_position", e.position());
        record.setField("ingested_at", SEEN.atOffset(ZoneOffset.UTC));
        return record;
    }

    private static Record rejectedRecord(Table table, Rejected r) {
        GenericRecord record = GenericRecord.create(table.schema());
        record.setField("seen_at", r.seenAt().atOffset(ZoneOffset.UTC));
        record.setField("reason", r.reason());
        record.setField("message", "test record");
        record.setField("source", r.source());
        record.setField("source_position", "sql-test/0/" + r.seenAt().getEpochSecond());
        record.setField("payload", ByteBuffer.wrap("not json".getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    /** The stack's services with a database and a bucket of this test's own. */
    private static StackEndpoints isolatedEndpoints(LocalStack localStack, String runId) throws Exception {
        StackEndpoints stack = localStack.endpoints();
        String database = "sqltest_" + runId;
        String bucket = "sqltest-" + runId;
        String serverUrl = stack.jdbcUrl().substring(0, stack.jdbcUrl().lastIndexOf('/'));
        // The stack's role may not create databases; the server's superuser may, with the password the stack keeps.
        String superuserPassword = Files.readString(localStack.config().postgresSuperuserPasswordFile()).trim();
        try (Connection superuser = DriverManager.getConnection(serverUrl + "/postgres", "postgres", superuserPassword);
             Statement statement = superuser.createStatement()) {
            statement.execute("CREATE DATABASE " + database + " OWNER " + stack.dbUser());
        }
        try (var s3 = BucketBootstrap.client(stack)) {
            s3.createBucket(request -> request.bucket(bucket));
        }
        return new StackEndpoints(stack.kafkaBootstrapServers(), stack.s3Endpoint(), bucket, stack.s3AccessKey(),
                stack.s3SecretKey(), stack.s3Region(), serverUrl + "/" + database, stack.dbUser(), stack.dbPassword(),
                stack.biUser(), stack.biPassword(), stack.flinkRestUrl());
    }

    private static JdbcCatalog catalog(StackEndpoints endpoints) {
        Map<String, String> properties = new HashMap<>(new CatalogSettings("lakehouse", endpoints.jdbcUrl(),
                endpoints.dbUser(), endpoints.dbPassword(), endpoints.warehouse(), endpoints.s3Endpoint(),
                endpoints.s3AccessKey(), endpoints.s3SecretKey(), endpoints.s3Region(), true).catalogProperties());
        properties.put("jdbc.init-catalog-tables", "true");
        return (JdbcCatalog) CatalogUtil.buildIcebergCatalog("lakehouse", properties,
                new org.apache.hadoop.conf.Configuration());
    }

    /** The job's own DDL of traffic_hourly, for {@code schema}. */
    private static String martDdl(String schema) {
        return io.github.flinklakehouse.jobs.clickstream.marts.TrafficHourlyMart.TABLE.ddl(schema);
    }

    private static void writeMart(StackEndpoints endpoints, Map<String, Long> events) throws Exception {
        try (Connection connection = DriverManager.getConnection(endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword())) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(martDdl("marts"));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO marts.traffic_hourly (event_date, hour, "
                    + "events, views, carts, purchases, unique_users, unique_sessions, unique_products, revenue) "
                    + "VALUES (?, ?, ?, ?, 0, 0, 1, 1, 1, 0)")) {
                for (Map.Entry<String, Long> row : events.entrySet()) {
                    String[] key = row.getKey().split("\\|");
                    insert.setObject(1, LocalDate.parse(key[0]));
                    insert.setShort(2, Short.parseShort(key[1]));
                    insert.setLong(3, row.getValue());
                    insert.setLong(4, row.getValue());
                    insert.executeUpdate();
                }
            }
        }
    }
}

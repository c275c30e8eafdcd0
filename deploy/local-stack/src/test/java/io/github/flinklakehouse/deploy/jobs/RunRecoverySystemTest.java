package io.github.flinklakehouse.deploy.jobs;

import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.awaitEqual;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.catalog;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.expectedTrafficHourly;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.rawPositions;
import static io.github.flinklakehouse.deploy.testing.ClickstreamChecks.trafficHourly;
import static io.github.flinklakehouse.deploy.testing.FlinkJobs.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.flinklakehouse.deploy.jobs.RestorePoints.LastRun;
import io.github.flinklakehouse.deploy.stack.Directories;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.PidFiles;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.deploy.stack.StackService;
import io.github.flinklakehouse.deploy.testing.LakehouseProcess;
import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.roadtraffic.emulator.EmulatedRoadData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: {@code lakehouse run} never restarts its job without state over the marts. On a stack of its own, driven
 * as a user would ({@code lakehouse run} in a JVM of its own, on one data directory), three runs feed one hour H:
 * <ol>
 *   <li>1,000 events (every run but the third with {@code --no-road-traffic}); the TaskManager dies, then Ctrl-C
 *       (SIGTERM): the final savepoint fails for real and the job
 *       is cancelled, keeping its latest checkpoint;</li>
 *   <li>{@code run} again resumes from that checkpoint; 10 more events; then the whole process tree is killed with
 *       SIGKILL, as a machine crash (no savepoint, a JobManager that never shut down);</li>
 *   <li>{@code run} again resumes from the second job's latest checkpoint; 10 more events; beside it the road-traffic
 *       job starts without state, polling the road API emulator, and fills the first hour of
 *       {@code tollgate_traffic_hourly} with one row per key the emulator served in it; Ctrl-C stops both jobs with a
 *       savepoint and leaves no process behind.</li>
 * </ol>
 * After each run {@code traffic_hourly} equals an independent count of every event sent (1,000, 1,010, 1,020 in H: a
 * start without state would have rewritten H with the new run's events alone) and every Kafka position of the topic
 * is in {@code raw.clickstream_events} exactly once. Then the state is lost on purpose (its files deleted): a fourth
 * run starts without state with events at the end of H and the start of H + 1; H keeps its 1,020 events (held back,
 * the user told how to rebuild it) while H + 1, which that job sees whole, is published, and the job reads the topic
 * from the positions after the lake's last ones, so every position is still in the raw table exactly once.
 */
class RunRecoverySystemTest {
    private static final String TOPIC = "recovery";
    private static final Instant HOUR = Instant.parse("2019-10-01T10:00:00Z");
    private static final int RATE = 500;
    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static final Duration RESULT_DEADLINE = Duration.ofMinutes(3);
    private static final Duration STOP_DEADLINE = Duration.ofMinutes(2);
    /** The output of each {@code run}, kept for a failure's diagnosis (the data directory is removed). */
    private static final Path LOGS = Path.of("target", "run-recovery");

    private Path dataDir;
    private StackConfig config;
    private final List<LakehouseProcess> processes = new ArrayList<>();
    private final List<ClickEvent> sent = new ArrayList<>();

    @BeforeEach
    void configure() throws Exception {
        dataDir = Files.createTempDirectory("lakehouse-recovery-");
        config = StackConfig.ephemeralBuilder(LocalStackExtension.repoHome(), dataDir)
                .set("start-timeout", "180")
                .set("stop-timeout", "20")
                .build();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            for (LakehouseProcess process : processes) {
                process.close();
            }
            new PidFiles(config.runDir()).stopAll(Duration.ofSeconds(10));
            keepServiceLogs();
        } finally {
            Directories.deleteRecursively(dataDir);
        }
    }

    @Test
    void aFailedFinalSavepointAndACrashOfTheWholeStackLoseAndDoubleNothing() throws Exception {
        StackEndpoints stack = config.endpoints();
        FlinkRestClient rest = new FlinkRestClient(stack.flinkRestUrl());

        LakehouseProcess first = run(1, 1_000, HOUR);
        first.awaitOutput("Submitting the clickstream job without state", START_DEADLINE);
        awaitEverySentEventCounted(first, stack, 1_000);
        String firstJob = lastRun().jobId();
        new PidFiles(config.runDir()).live(StackService.FLINK_TASKMANAGER).orElseThrow().destroyForcibly();
        awaitTrue(() -> rest.stateTimestamps(firstJob).containsKey("RESTARTING"),
                "job " + firstJob + " to notice its TaskManager is gone", RESULT_DEADLINE);
        first.terminate(STOP_DEADLINE);
        assertThat(first.output()).contains("Could not stop the job with a savepoint");
        assertThat(config.dataDir().resolve("jobs/clickstream.savepoint")).doesNotExist();

        LakehouseProcess second = run(2, 10, HOUR.plusSeconds(600));
        second.awaitOutput("Resuming the clickstream job from the latest checkpoint of job " + firstJob,
                START_DEADLINE);
        awaitEverySentEventCounted(second, stack, 1_010);
        String secondJob = lastRun().jobId();
        second.killWithEveryChild();

        LakehouseProcess third = run(3, 10, HOUR.plusSeconds(1_200), RATE, true);
        third.awaitOutput("Resuming the clickstream job from the latest checkpoint of job " + secondJob,
                START_DEADLINE);
        awaitEverySentEventCounted(third, stack, 1_020);
        third.awaitOutput("Polling the road API emulator at http://127.0.0.1:", START_DEADLINE);
        assertThat(third.output()).contains("Submitting the road-traffic job without state",
                "Toll-gate volumes arrive in marts.tollgate_traffic_hourly");
        awaitFirstRoadTrafficHour(third, stack);
        third.terminate(STOP_DEADLINE);
        assertThat(third.output()).contains("Stopped the clickstream job with savepoint",
                "Stopped the road-traffic job with savepoint");
        assertThat(config.dataDir().resolve("jobs/clickstream.savepoint")).exists();
        assertThat(config.dataDir().resolve("jobs/road-traffic.savepoint")).exists();
        assertThat(new PidFiles(config.runDir()).liveServices()).as("processes left by the last run").isEmpty();

        // The state is lost (a state-incompatible upgrade, deleted checkpoints): the job starts without state over
        // the marts, holds back every period that began before the lake's latest event, and says how to repair them.
        Files.delete(config.dataDir().resolve("jobs/clickstream.savepoint"));
        Files.delete(config.dataDir().resolve("jobs/clickstream.last-run"));
        List<String> beforeStatelessStart = expectedTrafficHourly(sent);
        LakehouseProcess fourth = run(4, 10, HOUR.plusSeconds(3_597), 1);
        fourth.awaitOutput("Submitting the clickstream job without state", START_DEADLINE);
        List<ClickEvent> fourthEvents = sent.subList(1_020, sent.size());
        List<String> hourAfter = expectedTrafficHourly(fourthEvents.stream()
                .filter(event -> !event.eventTime().isBefore(HOUR.plusSeconds(3_600))).toList());
        assertThat(fourthEvents).as("events of the fourth run in hour H and in H + 1")
                .anyMatch(event -> event.eventTime().isBefore(HOUR.plusSeconds(3_600)))
                .anyMatch(event -> !event.eventTime().isBefore(HOUR.plusSeconds(3_600)));
        fourth.awaitOutput("./lakehouse backfill --lake --from 2019-10-01 --until 2019-10-02", START_DEADLINE);
        assertThat(fourth.output()).contains("raw.clickstream_events already holds events up to 2019-10-01T10:20:",
                "are held back");
        fourth.awaitOutput("Sent all 10 events", START_DEADLINE);
        // The job without state reads the topic from the positions after the last ones in the lake: nothing twice.
        assertThat(fourth.output()).contains("Reading " + TOPIC + " from the positions after the last ones in the lake");
        awaitEveryPositionCommitted(fourth, stack, 1_030);
        List<String> expectedHours = new ArrayList<>(beforeStatelessStart);
        expectedHours.addAll(hourAfter);
        assertThat(awaitEqual(() -> trafficHourly(stack, "marts"), expectedHours, RESULT_DEADLINE))
                .as("hour H kept its 1,020 events (held back); hour H + 1, seen whole, published")
                .containsExactlyElementsOf(expectedHours);
    }

    /**
     * Waits until the first hour the road-traffic job polled (its {@code road-traffic.start}, in the configuration
     * file {@code run} wrote) has one {@code tollgate_traffic_hourly} row per toll gate, direction, vehicle class and
     * lane type among the counts the emulator (seed 42) serves for its four slots, bad records left out.
     */
    private void awaitFirstRoadTrafficHour(LakehouseProcess run, StackEndpoints stack) throws Exception {
        Properties jobConfig = new Properties();
        try (var reader = Files.newBufferedReader(config.dataDir().resolve("jobs/road-traffic.properties"))) {
            jobConfig.load(reader);
        }
        Instant hour = Instant.parse(jobConfig.getProperty("road-traffic.start"));
        EmulatedRoadData data = new EmulatedRoadData(42);
        Set<String> keys = new TreeSet<>();
        for (int slot = 0; slot < 4; slot++) {
            data.countsOf(hour.plus(Duration.ofMinutes(15L * slot))).stream()
                    .filter(count -> !EmulatedRoadData.isBadRecord(count))
                    .forEach(count -> keys.add(count.unitCode().strip() + "/" + count.inoutType() + "/"
                            + count.carType() + "/" + count.tcsType()));
        }
        assertThat(keys).as("keys the emulator serves in the first hour").isNotEmpty();
        String sql = "SELECT unit_code || '/' || inout_type || '/' || car_type || '/' || tcs_type "
                + "FROM marts.tollgate_traffic_hourly WHERE event_date = DATE '" + hour.toString().substring(0, 10)
                + "' AND hour = " + hour.atZone(ZoneOffset.UTC).getHour() + " ORDER BY 1";
        List<String> expected = List.copyOf(keys);
        assertThat(awaitEqual(() -> {
            run.requireAlive();
            List<String> rows = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(),
                    stack.dbPassword()); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            } catch (SQLException e) {
                // The job creates its marts when it starts.
            }
            return rows;
        }, expected, RESULT_DEADLINE)).as("marts.tollgate_traffic_hourly in the hour from " + hour)
                .containsExactlyElementsOf(expected);
    }

    /** Copies the services' logs next to the runs' output before the data directory goes. */
    private void keepServiceLogs() throws Exception {
        Path target = LOGS.resolve("services");
        Directories.deleteRecursively(target);
        Files.createDirectories(target);
        try (var logs = Files.list(config.logsDir())) {
            for (Path log : logs.toList()) {
                Files.copy(log, target.resolve(log.getFileName()));
            }
        }
    }

    /** Starts {@code lakehouse run} feeding {@code count} events from {@code start}, and remembers them. */
    private LakehouseProcess run(long seed, int count, Instant start) throws Exception {
        return run(seed, count, start, RATE);
    }

    private LakehouseProcess run(long seed, int count, Instant start, int rate) throws Exception {
        return run(seed, count, start, rate, false);
    }

    private LakehouseProcess run(long seed, int count, Instant start, int rate, boolean roadTraffic)
            throws Exception {
        Files.createDirectories(LOGS);
        LakehouseProcess process = LakehouseProcess.start(config, LOGS.resolve("run-" + seed + ".log"), "run",
                "--verbose", roadTraffic ? "--road-traffic" : "--no-road-traffic",
                "--topic", TOPIC, "--seed", Long.toString(seed), "--count", Integer.toString(count),
                "--start", start.toString(), "--rate", Integer.toString(rate), "--report-every", "2");
        processes.add(process);
        // The events `run` generates with these options (RunCommand.startGenerator), for the independent count.
        sent.addAll(ClickEventGenerator.stream(new GeneratorConfig(seed, start, count,
                Duration.ofNanos(1_000_000_000L / rate), 10_000, 5_000).withAppLog()).toList());
        return process;
    }

    /**
     * Waits until traffic_hourly equals an independent count of every event sent so far and the raw table holds every
     * Kafka position of the topic once (its rows are committed on a checkpoint, so that checkpoint has the events).
     */
    private void awaitEverySentEventCounted(LakehouseProcess run, StackEndpoints stack, int expectedEvents)
            throws Exception {
        assertThat(sent).hasSize(expectedEvents);
        List<String> expectedHours = expectedTrafficHourly(sent);
        assertThat(expectedHours).as("every event in hour H").hasSize(1);
        assertThat(awaitEqual(() -> {
            run.requireAlive();
            return trafficHourly(stack, "marts");
        }, expectedHours, RESULT_DEADLINE))
                .as("marts.traffic_hourly after " + expectedEvents + " events")
                .containsExactlyElementsOf(expectedHours);
        awaitEveryPositionCommitted(run, stack, expectedEvents);
    }

    /** Waits until the raw table holds every Kafka position of the topic exactly once. */
    private void awaitEveryPositionCommitted(LakehouseProcess run, StackEndpoints stack, int expectedEvents)
            throws Exception {
        List<String> expectedPositions = topicPositions(stack);
        assertThat(expectedPositions).hasSize(expectedEvents);
        try (JdbcCatalog catalog = catalog(stack)) {
            assertThat(awaitEqual(() -> {
                run.requireAlive();
                return rawPositions(catalog, TOPIC);
            }, expectedPositions, RESULT_DEADLINE))
                    .as("raw.clickstream_events: every Kafka position of the topic exactly once")
                    .containsExactlyElementsOf(expectedPositions);
        }
    }

    /** {@code topic/partition/offset} of every record in the topic, sorted as the raw positions are. */
    private static List<String> topicPositions(StackEndpoints stack) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(properties)) {
            int partitions = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC).partitions().size();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(TOPIC, partition), OffsetSpec.latest());
            }
            List<String> positions = new ArrayList<>();
            admin.listOffsets(latest).all().get().forEach((partition, end) -> {
                for (long offset = 0; offset < end.offset(); offset++) {
                    positions.add(TOPIC + "/" + partition.partition() + "/" + offset);
                }
            });
            positions.sort(null);
            return positions;
        }
    }

    private LastRun lastRun() {
        return new RestorePoints(config.dataDir().resolve("jobs"), "clickstream", jobId -> Optional.empty()).lastRun()
                .orElseThrow();
    }
}

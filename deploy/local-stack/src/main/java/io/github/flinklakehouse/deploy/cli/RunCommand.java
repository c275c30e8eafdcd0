package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.dashboards.web.DashboardServer;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.jobs.LakePositions;
import io.github.flinklakehouse.deploy.jobs.RawEventTimes;
import io.github.flinklakehouse.deploy.jobs.RestorePoints;
import io.github.flinklakehouse.deploy.jobs.RestorePoints.RestorePoint;
import io.github.flinklakehouse.deploy.jobs.StackLakeMaintenance;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackConfig;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.config.SharedOptions;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamOptions;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.marts.MartTable;
import io.github.flinklakehouse.jobs.roadtraffic.RoadTrafficPipeline;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficSettings;
import io.github.flinklakehouse.jobs.roadtraffic.marts.RoadTrafficMarts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse run}: the whole pipeline on the local stack. Starts the stack, submits the clickstream
 * job jar to the Flink cluster, feeds it generated events and reports how the hourly mart grows; beside it (unless
 * {@code --no-road-traffic}) the road-traffic job, polling the {@link RoadTrafficApis road API emulator} this JVM
 * runs, or the real APIs when their keys are set. Ctrl-C stops each job with a savepoint and then the stack. The next
 * {@code run} resumes each job from its savepoint, or, when there is none (the savepoint failed, the stack crashed),
 * from its last job's latest retained checkpoint ({@link RestorePoints}); each job is a {@link RunJob}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the local stack, submit the clickstream job and feed it generated events, and the "
                + "road-traffic job polling the road API emulator, until Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    private static final String JOB = "clickstream";
    /** The road-traffic job's parallelism: one slot of the TaskManager's 4, beside clickstream's 2. */
    private static final int ROAD_TRAFFIC_PARALLELISM = 1;
    /** How far back a road-traffic job without state starts polling: whole hours, so its first marts fill at once. */
    private static final Duration ROAD_TRAFFIC_BACKLOG = Duration.ofHours(3);

    @Mixin
    StackOptions options;

    @Option(names = "--fresh", description = "Wipe the data directory first (topics, tables, objects, savepoints).")
    boolean fresh;

    @Option(names = "--rate", defaultValue = "200", description = "Generated events per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", description = "Generator seed (default: the start time in epoch seconds, so a "
            + "later run does not replay the same users and sessions; printed at start to reproduce a run).")
    Long seed;

    @Option(names = "--count", description = "Stop generating after this many events; the job keeps running "
            + "until Ctrl-C (default: generate until Ctrl-C).")
    Long count;

    @Option(names = "--start", description = "Event time of the first generated event, ISO-8601 (default: now).")
    Instant eventsStart;

    @Option(names = "--topic", defaultValue = "clickstream.events", description = "Kafka topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--report-every", defaultValue = "10", description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
    int reportEverySeconds;

    @Option(names = "--maintain-every", defaultValue = "PT1H", description = "Run lake maintenance (as `lakehouse "
            + "maintain`) at this interval while the job runs, the first pass after one interval; PT0S: never "
            + "(default ${DEFAULT-VALUE}).")
    Duration maintainEvery;

    @Option(names = "--road-traffic", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the road-traffic job (1 slot) polling the road API emulator started in this "
                    + "process, or the real APIs when KEC_API_KEY (and KMA_SERVICE_KEY) are set; --no-road-traffic "
                    + "leaves it out (default: on).")
    boolean roadTraffic;

    @Option(names = "--dashboards-port", defaultValue = "8082", description = "Port of the dashboards page "
            + "(deploy/dashboards drawn in the browser, read-only, on 127.0.0.1 only); 0: a free port; -1: no page "
            + "(default ${DEFAULT-VALUE}).")
    int dashboardsPort;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (rate <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be > 0, was " + rate);
        }
        if (count != null && count < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--count must be >= 0, was " + count);
        }
        if (dashboardsPort < -1 || dashboardsPort > 65_535) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--dashboards-port must be a port (0: a free one, -1: no page), was " + dashboardsPort);
        }
        if (maintainEvery.isNegative()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--maintain-every must not be negative, was " + maintainEvery);
        }
        PrintWriter out = spec.commandLine().getOut();
        RoadTrafficApis roadApis = roadTraffic ? RoadTrafficApis.fromEnvironment(System.getenv()) : null;
        LocalStack stack = UpCommand.startOwned(options.toConfig().withFresh(fresh), out,
                roadApis == null ? Map.of() : roadApis.taskManagerEnvironment());
        StackEndpoints endpoints = stack.endpoints();
        Path jobDir = stack.config().dataDir().resolve("jobs");
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        JobSubmission submission = new JobSubmission(rest, JobJar.locate(StackOptions.repoHome()));
        List<RunJob> jobs = new CopyOnWriteArrayList<>();
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicReference<Thread> generatorThread = new AtomicReference<>();
        ScheduledExecutorService maintenance = scheduleMaintenance(out, stack.config());
        stack.beforeStop(() -> {
            stopping.set(true);
            maintenance.shutdownNow();
            Optional.ofNullable(generatorThread.get()).ifPresent(Thread::interrupt);
            jobs.forEach(job -> job.stop(out));
            if (roadApis != null) {
                roadApis.close();
            }
        });

        RunJob clickstream = new RunJob(JOB, jobDir, endpoints, rest, submission);
        KafkaTopics.ensure(endpoints.kafkaBootstrapServers(), topic, 2);
        RestorePoint restorePoint = clickstream.announce(out);
        Optional<Instant> holdBack = restorePoint.exists() ? clickstream.recordedHoldBack()
                : holdBackOverExistingData(out, endpoints);
        Map<String, String> settings = new HashMap<>(Map.of("clickstream.kafka.topic", topic,
                // committed: only used without any state to restore (see RestorePoints), so such a start does not
                // re-read the whole topic.
                "clickstream.kafka.starting-offsets", "committed"));
        if (!restorePoint.exists()) {
            // Without state the Kafka source would start from the group's committed offsets, which may lag or be
            // missing: go on right after the last records the lake holds, so nothing is appended twice.
            Map<Integer, Long> next = LakePositions.nextOffsets(endpoints, topic);
            if (!next.isEmpty()) {
                settings.put(ClickstreamOptions.KAFKA_STARTING_POSITIONS.key(), LakePositions.spec(next));
                out.println("Reading " + topic + " from the positions after the last ones in the lake: "
                        + LakePositions.spec(next));
            }
        }
        jobs.add(clickstream);
        clickstream.start(out, endpoints, settings, holdBack);
        // The road-traffic job's upload and main() overlap the clickstream job's deployment: both run sooner.
        RunJob roadJob = roadApis == null ? null : startRoadTraffic(out, roadApis, jobDir, endpoints, rest,
                submission, jobs);
        String jobId = clickstream.awaitRunning();

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long generatorSeed = seed != null ? seed : start.getEpochSecond();
        KafkaEventPublisher publisher = new KafkaEventPublisher(endpoints.kafkaBootstrapServers(), topic, rate);
        AtomicBoolean allSent = new AtomicBoolean();
        Thread generator = startGenerator(publisher, eventsStart != null ? eventsStart : start, generatorSeed, allSent);
        generatorThread.set(generator);

        if (roadJob != null) {
            roadJob.awaitRunning();
        }

        Optional<DashboardServer> dashboards = dashboardsPort < 0 ? Optional.empty() : DashboardsPage.start(out,
                StackOptions.repoHome().resolve("deploy").resolve("dashboards"), endpoints, dashboardsPort);
        dashboards.ifPresent(page -> stack.beforeStop(page::close));
        out.println(UpCommand.endpointsBlock(endpoints, dashboards.map(DashboardServer::url)));
        List<String> lines = new ArrayList<>(List.of(
                clickstream.runningLine(endpoints),
                "Generating " + (count == null ? "" : count + " events at ") + rate + " events/s into Kafka topic "
                        + topic + " (seed " + generatorSeed + ").",
                "Rows arrive in marts.traffic_hourly within seconds; look at them with:",
                "  ./lakehouse query \"SELECT * FROM marts.traffic_hourly ORDER BY event_date DESC, hour DESC LIMIT 5\"",
                "  psql " + PostgresQueries.psqlUrl(endpoints) + " -c 'TABLE marts.traffic_hourly'",
                "Raw events land in the Iceberg table raw.clickstream_events (warehouse " + endpoints.warehouse() + ")."));
        if (roadJob != null) {
            lines.addAll(List.of(
                    roadJob.runningLine(endpoints),
                    roadApis.description(),
                    "Toll-gate volumes arrive in marts.tollgate_traffic_hourly within seconds (the other road-traffic "
                            + "marts: " + String.join(", ", ROAD_MART_TABLES.stream()
                                    .filter(name -> !name.equals("tollgate_traffic_hourly")).toList())
                            + "); look at them with:",
                    "  ./lakehouse query \"SELECT * FROM marts.tollgate_traffic_hourly ORDER BY event_date DESC, hour DESC "
                            + "LIMIT 5\"",
                    "Raw counts and forecasts land in raw.tollgate_traffic and raw.weather_forecast."));
        }
        lines.addAll(List.of("Press Ctrl-C to stop the " + (roadJob == null ? "job" : "jobs")
                + " with a savepoint and stop the stack.", ""));
        out.println(String.join(System.lineSeparator(), lines));
        out.flush();
        boolean generating = true;
        while (!stopping.get()) {
            long reportEvery = Duration.ofSeconds(reportEverySeconds).toMillis();
            if (generating) {
                generator.join(reportEvery);
            } else {
                Thread.sleep(reportEvery);
            }
            if (stopping.get()) {
                break;
            }
            if (generating && !generator.isAlive()) {
                if (!allSent.get()) {
                    throw new IllegalStateException("The event generator stopped; see the log above");
                }
                generating = false;
                out.println("Sent all " + count + " events; the job keeps running until Ctrl-C.");
            }
            out.println(progressLine(endpoints, publisher.sent(), rest.jobState(jobId)));
            out.println("  " + PostgresQueries.martRowCounts(endpoints, MART_TABLES));
            if (roadJob != null) {
                out.println("road-traffic job: " + roadJob.state() + "  "
                        + PostgresQueries.martRowCounts(endpoints, ROAD_MART_TABLES));
            }
            out.flush();
        }
        // Ctrl-C: the stack's shutdown stops the job with a savepoint and exits.
        new CountDownLatch(1).await();
        return 0;
    }

    /**
     * Starts the road API emulator (unless real keys are set) and submits the road-traffic job at parallelism 1, from
     * its own restore points; returns once the cluster accepted it ({@link RunJob#awaitRunning} waits for its tasks).
     * Without state it polls from {@link #ROAD_TRAFFIC_BACKLOG} before the current hour; when an earlier job of it ran
     * on this data directory, the periods before that start are held back (the new job sees them only from there), as
     * clickstream's are.
     */
    private static RunJob startRoadTraffic(PrintWriter out, RoadTrafficApis apis, Path jobDir,
            StackEndpoints endpoints, FlinkRestClient rest, JobSubmission submission, List<RunJob> jobs) {
        apis.start();
        RunJob job = new RunJob(RoadTrafficPipeline.NAME, jobDir, endpoints, rest, submission);
        RestorePoint restorePoint = job.announce(out);
        Map<String, String> settings = new HashMap<>(apis.jobSettings());
        settings.put(SharedOptions.PIPELINE_PARALLELISM.key(), Integer.toString(ROAD_TRAFFIC_PARALLELISM));
        Optional<Instant> holdBack = restorePoint.exists() ? job.recordedHoldBack() : Optional.empty();
        if (!restorePoint.exists() && apis.emulated()) {
            // The emulator serves any past slot: a backlog fills the marts at once. The real API answers only its
            // latest counts, so there the job starts at the current slot (its default).
            Instant pollFrom = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(ROAD_TRAFFIC_BACKLOG);
            settings.put(RoadTrafficOptions.START.key(), pollFrom.toString());
            if (job.ranBefore()) {
                holdBack = Optional.of(pollFrom);
            }
        }
        jobs.add(job);
        job.start(out, endpoints, settings, holdBack);
        return job;
    }

    /** Every road-traffic mart ({@code pipeline_freshness} describes the job, not the data). */
    private static final List<String> ROAD_MART_TABLES = RoadTrafficMarts.tables(new RoadTrafficSettings(null, null,
                    null, null, 1, null, null, null, null, RoadTrafficOptions.TOP_GATES_N.defaultValue())).stream()
            .map(MartTable::name)
            .filter(name -> !name.equals("pipeline_freshness"))
            .toList();

    /**
     * A job without state over a lake that already holds events would see the periods open at its start only in part:
     * every mart row of a period that began at or before the latest event in the lake is held back (never
     * overwritten), and the user is told how to rebuild those periods.
     */
    private static Optional<Instant> holdBackOverExistingData(PrintWriter out, StackEndpoints endpoints) {
        Optional<Instant> latestEvent = RawEventTimes.latest(endpoints);
        latestEvent.ifPresent(latest -> {
            LocalDate day = latest.atZone(ZoneOffset.UTC).toLocalDate();
            out.println(String.join(System.lineSeparator(),
                    "WARNING: the job starts without state, but raw.clickstream_events already holds events up to "
                            + latest + ".",
                    "Mart rows of periods that began at or before then (hours, days, weeks, months, sessions, trending "
                            + "windows) are held back: never overwritten by this job, which sees them only in part.",
                    "Once they have closed (allowed lateness past their end), rebuild them from the lake:",
                    "  ./lakehouse backfill --lake --from " + day + " --until " + day.plusDays(1),
                    "and likewise over the ISO week and the month of " + day + " once those have closed "
                            + "(README, \"Restarts of run\")."));
        });
        return latestEvent.map(latest -> latest.plusMillis(1));
    }

    /**
     * Publishes generated events from a thread of their own; the thread closes {@code publisher} when it ends and sets
     * {@code allSent} when Kafka acknowledged every event of a bounded {@code --count}.
     */
    private Thread startGenerator(KafkaEventPublisher publisher, Instant start, long generatorSeed,
            AtomicBoolean allSent) {
        GeneratorConfig config = new GeneratorConfig(generatorSeed, start,
                count == null ? GeneratorConfig.UNBOUNDED : count, Duration.ofNanos((long) (1_000_000_000L / rate)),
                10_000, 5_000).withAppLog();
        Thread thread = new Thread(() -> {
            try (publisher) {
                publisher.publish(new ClickEventGenerator(config));
                allSent.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lakehouse-generator");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Every mart the job fills, in declaration order ({@code pipeline_freshness} describes the job, not the data). */
    private static final List<String> MART_TABLES = ClickstreamMarts.tables(ClickstreamSettings.defaults()).stream()
            .map(MartTable::name)
            .filter(name -> !name.equals("pipeline_freshness"))
            .toList();

    private static String progressLine(StackEndpoints endpoints, long sent, String jobState) {
        return "events sent: " + sent + "  job: " + jobState + "  " + PostgresQueries.latestTrafficHour(endpoints);
    }

    /** Lake maintenance every {@code --maintain-every} on a daemon thread; a failed pass is reported and retried. */
    private ScheduledExecutorService scheduleMaintenance(PrintWriter out, StackConfig config) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lake-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        if (!maintainEvery.isZero()) {
            long every = maintainEvery.toMillis();
            scheduler.scheduleWithFixedDelay(() -> maintainLake(out, config), every, every, TimeUnit.MILLISECONDS);
        }
        return scheduler;
    }

    private void maintainLake(PrintWriter out, StackConfig config) {
        List<String> lines = new ArrayList<>();
        try (StackLakeMaintenance lake = StackLakeMaintenance.forStack(config, Map.of())) {
            lake.maintenance().run(Instant.now()).forEach(report -> lines.add("Lake maintenance: " + report.summary()));
        } catch (Exception e) {
            // Each step is its own Iceberg commit or nothing, so the job is unaffected; the next pass retries.
            lines.add("Lake maintenance failed, next pass in " + maintainEvery + ": " + e);
        }
        synchronized (out) {
            lines.forEach(out::println);
            out.flush();
        }
    }
}

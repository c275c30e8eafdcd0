package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.StackJobConfigFile;
import io.github.flinklakehouse.deploy.jobs.JobJar;
import io.github.flinklakehouse.deploy.jobs.JobSubmission;
import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.deploy.stack.FlinkRestClient;
import io.github.flinklakehouse.deploy.stack.LocalStack;
import io.github.flinklakehouse.deploy.stack.StackEndpoints;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import io.github.flinklakehouse.jobs.clickstream.marts.ClickstreamMarts;
import io.github.flinklakehouse.jobs.marts.MartTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse run}: the whole pipeline on the local stack. Starts the stack, submits the clickstream
 * job jar to the Flink cluster, feeds it generated events and reports how the hourly mart grows; Ctrl-C
 * stops the job with a savepoint (the next {@code run} resumes from it) and then the stack.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the local stack, submit the clickstream job and feed it generated events until Ctrl-C.")
final class RunCommand implements Callable<Integer> {
    private static final String JOB = "clickstream";
    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration SAVEPOINT_TIMEOUT = Duration.ofMinutes(2);

    @Mixin
    StackOptions options;

    @Option(names = "--fresh", description = "Wipe the data directory first (topics, tables, objects, savepoints).")
    boolean fresh;

    @Option(names = "--rate", defaultValue = "200", description = "Generated events per second (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--seed", description = "Generator seed (default: the start time in epoch seconds, so a "
            + "later run does not replay the same users and sessions; printed at start to reproduce a run).")
    Long seed;

    @Option(names = "--topic", defaultValue = "clickstream.events", description = "Kafka topic (default ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--report-every", defaultValue = "10", description = "Seconds between progress lines (default ${DEFAULT-VALUE}).")
    int reportEverySeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (rate <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--rate must be > 0, was " + rate);
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalStack stack = UpCommand.startOwned(options.toConfig().withFresh(fresh), out);
        StackEndpoints endpoints = stack.endpoints();
        Path jobDir = stack.config().dataDir().resolve("jobs");
        Path savepointMarker = jobDir.resolve(JOB + ".savepoint");

        KafkaTopics.ensure(endpoints.kafkaBootstrapServers(), topic, 2);
        // committed: if a final savepoint ever fails, the next run resumes from the offsets of the last
        // checkpoint instead of re-reading the whole topic.
        Path configFile = StackJobConfigFile.write(jobDir.resolve(JOB + ".properties"), endpoints,
                Map.of("clickstream.kafka.topic", topic, "clickstream.kafka.starting-offsets", "committed"));
        FlinkRestClient rest = new FlinkRestClient(endpoints.flinkRestUrl());
        String savepoint = readSavepoint(savepointMarker);
        out.println(savepoint == null ? "Submitting the clickstream job ..." : "Resuming the clickstream job from " + savepoint + " ...");
        out.flush();
        String jobId = new JobSubmission(rest, JobJar.locate(StackOptions.repoHome()))
                .submit(JOB, configFile, savepoint, SUBMIT_TIMEOUT);

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long generatorSeed = seed != null ? seed : start.getEpochSecond();
        KafkaEventPublisher publisher = new KafkaEventPublisher(endpoints.kafkaBootstrapServers(), topic, rate);
        Thread generator = startGenerator(publisher, start, generatorSeed);
        AtomicBoolean stopping = new AtomicBoolean();
        stack.beforeStop(() -> {
            stopping.set(true);
            stopJob(out, rest, jobId, generator, savepointMarker);
        });

        out.println(UpCommand.endpointsBlock(endpoints));
        out.println(String.join(System.lineSeparator(),
                "Clickstream job " + jobId + " is RUNNING: " + endpoints.flinkRestUrl() + "/#/job/running/" + jobId + "/overview",
                "Generating " + rate + " events/s into Kafka topic " + topic + " (seed " + generatorSeed + ").",
                "Rows arrive in marts.traffic_hourly within seconds; look at them with:",
                "  ./lakehouse query \"SELECT * FROM marts.traffic_hourly ORDER BY event_date DESC, hour DESC LIMIT 5\"",
                "  psql " + PostgresQueries.psqlUrl(endpoints) + " -c 'TABLE marts.traffic_hourly'",
                "Raw events land in the Iceberg table raw.clickstream_events (warehouse " + endpoints.warehouse() + ").",
                "Press Ctrl-C to stop the job with a savepoint and stop the stack.", ""));
        out.flush();
        while (generator.isAlive()) {
            generator.join(Duration.ofSeconds(reportEverySeconds).toMillis());
            if (stopping.get()) {
                break;
            }
            out.println(progressLine(endpoints, publisher.sent(), rest.jobState(jobId)));
            out.println("  " + PostgresQueries.martRowCounts(endpoints, MART_TABLES));
            out.flush();
        }
        if (stopping.get()) {
            // Ctrl-C: the stack's shutdown stops the job with a savepoint and exits.
            new CountDownLatch(1).await();
        }
        throw new IllegalStateException("The event generator stopped; see the log above");
    }

    /** Publishes generated events from a thread of their own; the thread closes {@code publisher} when it ends. */
    private Thread startGenerator(KafkaEventPublisher publisher, Instant start, long generatorSeed) {
        GeneratorConfig config = new GeneratorConfig(generatorSeed, start,
                GeneratorConfig.UNBOUNDED, Duration.ofNanos((long) (1_000_000_000L / rate)), 10_000, 5_000)
                .withAppLog();
        Thread thread = new Thread(() -> {
            try (publisher) {
                publisher.publish(new ClickEventGenerator(config));
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

    private static void stopJob(PrintWriter out, FlinkRestClient rest, String jobId, Thread generator, Path marker) {
        generator.interrupt();
        try {
            String savepoint = rest.stopWithSavepoint(jobId, null, SAVEPOINT_TIMEOUT);
            Files.writeString(marker, savepoint);
            out.println("Stopped the clickstream job with savepoint " + savepoint + "; the next run resumes from it.");
        } catch (IOException | RuntimeException e) {
            out.println("Could not stop the job with a savepoint (" + e.getMessage() + "); cancelling it. "
                    + "The next run resumes from the offsets of its last checkpoint.");
            try {
                Files.deleteIfExists(marker);
                rest.cancel(jobId);
            } catch (IOException | RuntimeException ignored) {
                // The cluster stops right after this anyway.
            }
        }
        out.flush();
    }

    private static String readSavepoint(Path marker) {
        try {
            return Files.exists(marker) ? Files.readString(marker).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + marker, e);
        }
    }
}

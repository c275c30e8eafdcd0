package io.github.flinklakehouse.deploy.savepoint;

import io.github.flinklakehouse.deploy.testing.LocalStackExtension;
import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The committed clickstream savepoint and how to reproduce its input on any fresh stack.
 *
 * <p>A savepoint restores on another stack only if everything its state points at exists there too:
 * <ul>
 *   <li><b>Kafka source</b>: the state holds the topic name and an offset per partition. The fixture uses the fixed
 *       topic {@value #TOPIC} with {@value #PARTITIONS} partitions and the first {@value #SAVED_EVENTS} events of a
 *       seeded generator; {@link KafkaEventPublisher} keys each event by its session and Kafka's default partitioner
 *       hashes the key (murmur2), so every fresh stack gets the same events at the same partitions and offsets.</li>
 *   <li><b>Iceberg sinks</b> (IcebergSink, Sink V2): per checkpoint, IcebergWriteAggregator writes the data files of
 *       that checkpoint into a manifest on S3 and hands the committer an IcebergCommittable (serialized manifest
 *       location, job id, operator id, checkpoint id); the committer's state keeps the committables of the checkpoint
 *       being taken until Flink reports it complete. After a restore the committer commits them again unless the
 *       table's snapshots say that job and operator already committed that checkpoint, which a fresh stack's tables
 *       cannot say: a committable naming files would be read from the old stack's S3 and fail the job. So the
 *       savepoint is taken only after every event was committed by an earlier completed checkpoint: the
 *       savepoint's own committables are then empty (no data files, no manifest file), and committing them on a
 *       fresh stack is a no-op. The refresh checks this (no data files committed by the savepoint).</li>
 *   <li><b>Keyed state</b> (hourly totals, users, sessions): all {@value #SAVED_EVENTS} events fall into hour 0 of
 *       2019-10-01, which stays open (allowed lateness 1 h), so the state holds them and the events published after
 *       the restore update the same hour: the mart then shows whether the state came back.</li>
 *   <li><b>State files</b>: small state is inlined in {@code _metadata} (state.storage.fs.memory-threshold); larger
 *       state sits in files beside it, referenced by relative paths, so the whole folder is committed and uploaded.</li>
 * </ul>
 */
final class ClickstreamSavepointFixture {
    /** Topic named in the savepoint's source state. */
    static final String TOPIC = "savepoint-fixture";
    static final int PARTITIONS = 2;
    /** Every event the fixture tests use; the first {@link #SAVED_EVENTS} are in the savepoint. */
    static final GeneratorConfig EVENTS = new GeneratorConfig(
            3L, Instant.parse("2019-10-01T00:00:00Z"), 5_000, Duration.ofSeconds(1), 200, 100);
    static final int SAVED_EVENTS = 2_000;
    /** The committed savepoint folder ({@code _metadata} and any state files). */
    static final Path DIRECTORY = LocalStackExtension.repoHome()
            .resolve("deploy/local-stack/src/test/resources/savepoints/clickstream");
    /** What the refresh recorded about the savepoint's input: the end offset of each partition. */
    static final Path OFFSETS = DIRECTORY.resolveSibling("clickstream-fixture-offsets.properties");

    private ClickstreamSavepointFixture() {
    }

    static List<ClickEvent> events() {
        return ClickEventGenerator.stream(EVENTS).toList();
    }

    /**
     * Publishes {@code events} to the fixture topic and returns where each landed ({@code topic/partition/offset}),
     * in order; fails when the topic already held events, since the saved offsets would then point elsewhere.
     */
    static List<String> publish(String bootstrapServers, List<ClickEvent> events) throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrapServers, TOPIC,
                KafkaEventPublisher.UNLIMITED)) {
            for (ClickEvent event : events) {
                sent.add(publisher.send(event));
            }
            publisher.flush();
        }
        List<String> positions = new ArrayList<>();
        try {
            for (Future<RecordMetadata> result : sent) {
                RecordMetadata metadata = result.get();
                positions.add(TOPIC + "/" + metadata.partition() + "/" + metadata.offset());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka rejected a fixture event", e.getCause());
        }
        return positions;
    }

    /** The end offset (next offset) of each partition after the events at {@code positions}, from a fresh topic. */
    static Map<Integer, Long> endOffsets(List<String> positions) {
        Map<Integer, Long> ends = new TreeMap<>();
        for (String position : positions) {
            String[] parts = position.split("/");
            int partition = Integer.parseInt(parts[1]);
            long offset = Long.parseLong(parts[2]);
            if (offset != ends.getOrDefault(partition, 0L)) {
                throw new IllegalStateException("Topic " + TOPIC + " was not fresh: event at " + position
                        + " where offset " + ends.getOrDefault(partition, 0L) + " was expected");
            }
            ends.put(partition, offset + 1);
        }
        return ends;
    }

    /** Writes {@link #OFFSETS} (no time stamp, so an unchanged fixture rewrites the same bytes). */
    static void writeOffsets(Map<Integer, Long> endOffsets) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "# Written by ClickstreamSavepointCompatibilitySystemTest#refreshTheCommittedSavepoint: the input of",
                "# savepoints/clickstream (topic " + TOPIC + ", the first " + SAVED_EVENTS + " generated events).",
                "topic=" + TOPIC));
        endOffsets.forEach((partition, end) -> lines.add("partition." + partition + ".end-offset=" + end));
        Files.write(OFFSETS, lines);
    }

    static Map<Integer, Long> readOffsets() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(OFFSETS)) {
            properties.load(reader);
        }
        Map<Integer, Long> ends = new TreeMap<>();
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String end = properties.getProperty("partition." + partition + ".end-offset");
            if (end != null) {
                ends.put(partition, Long.parseLong(end));
            }
        }
        return ends;
    }
}

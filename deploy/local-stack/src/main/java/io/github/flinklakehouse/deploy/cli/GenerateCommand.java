package io.github.flinklakehouse.deploy.cli;

import io.github.flinklakehouse.deploy.jobs.KafkaTopics;
import io.github.flinklakehouse.jobs.clickstream.generator.ClickEventGenerator;
import io.github.flinklakehouse.jobs.clickstream.generator.CsvEventWriter;
import io.github.flinklakehouse.jobs.clickstream.generator.GeneratorConfig;
import io.github.flinklakehouse.jobs.clickstream.generator.KafkaEventPublisher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lakehouse generate}: clickstream events in the schema of the public e-commerce dataset, as JSON
 * to a Kafka topic (optionally paced) or as CSV files in the dataset's exact format (optionally gzipped).
 * The same seed and start always give the same events. To Kafka they include the app-log events and fields
 * (searches with region and query, favourites, devices: {@code GeneratorConfig#withAppLog}); a CSV file has the
 * dataset's columns only, so it gets the dataset-shaped events alone.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate clickstream events (e-commerce dataset schema) to a Kafka topic or a CSV file.")
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--count", required = true, description = "Number of events.")
    long count;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", defaultValue = "2019-10-01T00:00:00Z",
            description = "Event time of the first event, ISO-8601 (default ${DEFAULT-VALUE}).")
    Instant start;

    @Option(names = "--mean-gap", defaultValue = "PT0.1S",
            description = "Mean event-time gap between events, ISO-8601 duration (default ${DEFAULT-VALUE}).")
    Duration meanGap;

    @Option(names = "--users", defaultValue = "10000", description = "Distinct users (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--products", defaultValue = "5000", description = "Distinct products (default ${DEFAULT-VALUE}).")
    int products;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--topic", description = "Kafka topic to send JSON events to (created with 2 partitions if absent).")
        String topic;

        @Option(names = "--csv", description = "CSV file to write in the dataset's format; a name ending in .gz is gzipped.")
        Path csv;
    }

    @Option(names = "--bootstrap-servers", defaultValue = "localhost:9092",
            description = "Kafka bootstrap servers for --topic (default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--rate", defaultValue = "0", description = "Events per second for --topic; 0 = as fast as possible.")
    double rate;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        GeneratorConfig config = validated();
        PrintWriter out = spec.commandLine().getOut();
        ClickEventGenerator events = new ClickEventGenerator(config);
        long written;
        if (target.csv != null) {
            written = CsvEventWriter.writeAll(target.csv, target.csv.getFileName().toString().endsWith(".gz"), events);
            out.println("Wrote " + written + " events to " + target.csv);
        } else {
            KafkaTopics.ensure(bootstrapServers, target.topic, 2);
            try (KafkaEventPublisher publisher = new KafkaEventPublisher(bootstrapServers, target.topic, rate)) {
                written = publisher.publish(events);
            }
            out.println("Sent " + written + " events to Kafka topic " + target.topic + " on " + bootstrapServers);
        }
        out.flush();
        return 0;
    }

    private GeneratorConfig validated() {
        if (count < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be >= 0, was " + count);
        }
        if (rate < 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be >= 0, was " + rate);
        }
        try {
            GeneratorConfig config = new GeneratorConfig(seed, start, count, meanGap, users, products);
            // JSON carries the app-log fields; the dataset's CSV format has no column for them.
            return target.csv == null ? config.withAppLog() : config;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}

package io.github.flinklakehouse.jobs.backfill;

import io.github.flinklakehouse.jobs.config.ConfigException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a bound of a Kafka backfill: {@code earliest}, {@code latest}, an ISO-8601 instant (the first record at or
 * after it) or explicit {@code partition:offset[,partition:offset...]}.
 */
public final class KafkaOffsetsSpec {

    private KafkaOffsetsSpec() {
    }

    /** Returns the offsets {@code spec} names in {@code topic}; {@code option} names the setting in errors. */
    public static OffsetsInitializer parse(String spec, String topic, String option) {
        String text = spec.trim();
        if (text.equalsIgnoreCase("earliest")) {
            return OffsetsInitializer.earliest();
        }
        if (text.equalsIgnoreCase("latest")) {
            return OffsetsInitializer.latest();
        }
        if (Character.isDigit(text.charAt(0)) && text.contains("T")) {
            try {
                return OffsetsInitializer.timestamp(Instant.parse(text).toEpochMilli());
            } catch (DateTimeParseException e) {
                throw invalid(option, spec);
            }
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (String entry : text.split(",")) {
            String[] parts = entry.trim().split(":");
            if (parts.length != 2) {
                throw invalid(option, spec);
            }
            try {
                int partition = Integer.parseInt(parts[0].trim());
                long offset = Long.parseLong(parts[1].trim());
                if (partition < 0 || offset < 0) {
                    throw invalid(option, spec);
                }
                offsets.put(new TopicPartition(topic, partition), offset);
            } catch (NumberFormatException e) {
                throw invalid(option, spec);
            }
        }
        return OffsetsInitializer.offsets(offsets);
    }

    private static ConfigException invalid(String option, String spec) {
        return new ConfigException("--" + option + " must be earliest, latest, an ISO-8601 instant "
                + "(2019-10-01T00:00:00Z) or partition:offset[,partition:offset...] but was '" + spec + "'");
    }
}

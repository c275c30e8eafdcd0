package io.github.flinklakehouse.deploy.stack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Small real-client helpers the system tests use against a running stack. */
final class StackProbes {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StackProbes() {
    }

    static void createTopic(StackEndpoints endpoints, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    static Set<String> topics(StackEndpoints endpoints) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                endpoints.kafkaBootstrapServers()))) {
            return admin.listTopics().names().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    static void produce(StackEndpoints endpoints, String topic, String key, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Reads from the beginning until {@code expected} records arrived or the timeout passed. */
    static List<ConsumerRecord<String, String>> consume(StackEndpoints endpoints, String topic, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + topic);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(topic));
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    static void putObject(StackEndpoints endpoints, String key, String content) {
        try (S3Client s3 = BucketBootstrap.client(endpoints)) {
            s3.putObject(request -> request.bucket(endpoints.s3Bucket()).key(key),
                    RequestBody.fromString(content, StandardCharsets.UTF_8));
        }
    }

    static String getObject(StackEndpoints endpoints, String key) {
        try (S3Client s3 = BucketBootstrap.client(endpoints)) {
            return s3.getObjectAsBytes(request -> request.bucket(endpoints.s3Bucket()).key(key))
                    .asString(StandardCharsets.UTF_8);
        }
    }

    static List<String> objectKeys(StackEndpoints endpoints) {
        try (S3Client s3 = BucketBootstrap.client(endpoints)) {
            return s3.listObjectsV2(request -> request.bucket(endpoints.s3Bucket())).contents().stream()
                    .map(object -> object.key()).toList();
        }
    }
}

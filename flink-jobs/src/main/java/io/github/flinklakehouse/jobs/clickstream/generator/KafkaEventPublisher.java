package io.github.flinklakehouse.jobs.clickstream.generator;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes click events to a Kafka topic as JSON ({@link JsonEventEncoder}), keyed by {@code user_session},
 * at a fixed rate or as fast as possible.
 *
 * <p>Sessions keep their order because one session always lands in one partition. The producer is
 * idempotent with {@code acks=all}; {@link #close()} flushes everything before returning, and any send
 * failure is rethrown rather than lost.
 */
public final class KafkaEventPublisher implements AutoCloseable {

    /** Rate meaning "no pacing". */
    public static final double UNLIMITED = 0;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final double eventsPerSecond;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();

    /**
     * Connects a producer to {@code bootstrapServers}.
     *
     * @param eventsPerSecond target rate, or {@link #UNLIMITED}
     */
    public KafkaEventPublisher(String bootstrapServers, String topic, double eventsPerSecond) {
        this(producerProperties(bootstrapServers), topic, eventsPerSecond);
    }

    /** Uses the given producer properties (serializers are always byte arrays). */
    public KafkaEventPublisher(Properties producerProperties, String topic, double eventsPerSecond) {
        if (eventsPerSecond < 0) {
            throw new IllegalArgumentException("eventsPerSecond must be >= 0, was " + eventsPerSecond);
        }
        Properties properties = new Properties();
        properties.putAll(producerProperties);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
        this.eventsPerSecond = eventsPerSecond;
    }

    /**
     * Default producer settings: idempotent, {@code acks=all}, small linger for batching, and patient timeouts.
     *
     * <p>The publisher shares two cores with a broker, a Flink cluster and PostgreSQL; a broker starved for half a
     * minute made the defaults (30 s per request, 2 minutes per record) fail a send with a timeout or an
     * out-of-order sequence. Waiting longer only delays an error; it never loses or doubles a record.
     */
    public static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "120000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "300000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "180000");
        return properties;
    }

    /**
     * Sends every remaining event of {@code events}, pacing to the configured rate, then flushes.
     *
     * @return the number of events sent
     * @throws InterruptedException when interrupted while pacing
     * @throws IllegalStateException when Kafka rejected a send
     */
    public long publish(Iterator<ClickEvent> events) throws InterruptedException {
        long sent = 0;
        long startNanos = System.nanoTime();
        while (events.hasNext()) {
            if (eventsPerSecond > UNLIMITED) {
                long dueNanos = startNanos + (long) (sent * 1_000_000_000L / eventsPerSecond);
                long waitNanos = dueNanos - System.nanoTime();
                if (waitNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNanos);
                }
            }
            send(events.next());
            sent++;
        }
        flush();
        return sent;
    }

    /** Sends one event asynchronously; failures surface on the next {@link #flush()} or {@link #close()}. */
    public Future<RecordMetadata> send(ClickEvent event) {
        throwIfFailed();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                topic, event.userSession().getBytes(StandardCharsets.UTF_8), JsonEventEncoder.encode(event));
        Future<RecordMetadata> result = producer.send(record, (metadata, error) -> {
            if (error != null) {
                firstFailure.compareAndSet(null, error);
            }
        });
        sent.incrementAndGet();
        return result;
    }

    /** Events handed to the producer so far, readable from any thread (progress reports, tests). */
    public long sent() {
        return sent.get();
    }

    /** Blocks until every sent event is acknowledged; rethrows the first send failure. */
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new IllegalStateException("Kafka rejected an event for topic " + topic + ": "
                    + failure.getClass().getSimpleName() + ": " + failure.getMessage(), failure);
        }
    }
}

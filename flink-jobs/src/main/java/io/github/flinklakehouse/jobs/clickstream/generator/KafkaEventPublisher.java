package io.github.flinklakehouse.jobs.clickstream.generator;

import io.github.flinklakehouse.jobs.clickstream.ClickEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes click events to a Kafka topic as JSON ({@link JsonEventEncoder}), keyed by {@code user_session},
 * at a fixed rate or as fast as possible.
 *
 * <p>Sessions keep their order because one session always lands in one partition. The producer is
 * idempotent with {@code acks=all}; {@link #close()} flushes everything before returning, and any send
 * failure is rethrown rather than lost. A batch the broker refused with an out-of-order sequence (seen on a starved
 * machine: it was not written) is sent again on the next flush.
 */
public final class KafkaEventPublisher implements AutoCloseable {

    /** Rate meaning "no pacing". */
    public static final double UNLIMITED = 0;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final int RESEND_ATTEMPTS = 3;

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final double eventsPerSecond;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final Queue<ProducerRecord<byte[], byte[]>> refused = new ConcurrentLinkedQueue<>();

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
     *
     * <p>One request in flight per connection: with five, the first batch to a partition whose log the broker was
     * still creating was retried after later batches had been appended, fell outside the broker's five-batch
     * duplicate window and was refused as out of order until its delivery timeout (ReplaySystemTest, 2026-12-04).
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
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
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
        Future<RecordMetadata> result = sendRecord(record);
        sent.incrementAndGet();
        return result;
    }

    private Future<RecordMetadata> sendRecord(ProducerRecord<byte[], byte[]> record) {
        return producer.send(record, (metadata, error) -> {
            if (error instanceof OutOfOrderSequenceException) {
                // The broker refused the batch (it was not written); the producer has bumped its epoch, so a
                // second send is safe and doubles nothing. Its position is then later than the events after it.
                refused.add(record);
            } else if (error != null) {
                firstFailure.compareAndSet(null, error);
            }
        });
    }

    /** Events handed to the producer so far, readable from any thread (progress reports, tests). */
    public long sent() {
        return sent.get();
    }

    /** Blocks until every sent event is acknowledged; rethrows the first send failure. */
    public void flush() {
        flushResendingRefused();
        throwIfFailed();
    }

    private void flushResendingRefused() {
        producer.flush();
        for (int attempt = 1; attempt <= RESEND_ATTEMPTS && !refused.isEmpty(); attempt++) {
            for (ProducerRecord<byte[], byte[]> record = refused.poll(); record != null; record = refused.poll()) {
                sendRecord(record);
            }
            producer.flush();
        }
        if (!refused.isEmpty()) {
            firstFailure.compareAndSet(null, new OutOfOrderSequenceException(refused.size() + " events were refused "
                    + RESEND_ATTEMPTS + " times in a row (out-of-order sequence)"));
        }
    }

    @Override
    public void close() {
        try {
            flushResendingRefused();
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

package io.github.flinklakehouse.jobs.marts.engine;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The keys one event counts under in one aggregation, collected once per event and reused by the event measures
 * and by every dimension that counts the aggregation; their encodings ({@link KeyEncoder}) are computed on first
 * use. Reused from event to event: no allocation per event beyond the keys themselves.
 *
 * @param <P> the marts' event type
 * @param <K> the key type
 */
final class EventKeys<P, K> implements Consumer<K> {

    private final Aggregation<P, K> aggregation;
    private final KeyEncoder encoder;
    private Object[] keys = new Object[4];
    private KeyBuffer[] encoded = new KeyBuffer[0];
    private int size;
    private int encodedSize;

    EventKeys(Aggregation<P, K> aggregation) {
        this.aggregation = aggregation;
        this.encoder = aggregation.distincts().isEmpty() ? null
                : KeyEncoder.forType(aggregation.keyType().getTypeClass());
    }

    Aggregation<P, K> aggregation() {
        return aggregation;
    }

    /** Collects the keys of {@code event}, forgetting the previous event's. */
    void collect(P event) {
        size = 0;
        encodedSize = 0;
        aggregation.keysOf(event, this);
    }

    @Override
    public void accept(K key) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
        }
        keys[size++] = key;
    }

    int size() {
        return size;
    }

    Object key(int i) {
        return keys[i];
    }

    /** The encoding of key {@code i} (only for aggregations with distinct counts). */
    KeyBuffer encoded(int i) {
        while (encodedSize <= i) {
            if (encodedSize == encoded.length) {
                encoded = Arrays.copyOf(encoded, Math.max(4, encoded.length * 2));
            }
            KeyBuffer buffer = encoded[encodedSize];
            if (buffer == null) {
                buffer = new KeyBuffer();
                encoded[encodedSize] = buffer;
            }
            buffer.reset();
            try {
                encoder.encode(keys[encodedSize], buffer);
            } catch (Throwable e) {
                throw new IllegalStateException("Cannot encode key " + keys[encodedSize] + " of " + aggregation, e);
            }
            encodedSize++;
        }
        return encoded[i];
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import java.util.Arrays;

/**
 * Which keys one dimension value (a user, a session) was seen in, per aggregation, with the OR of its events' flags
 * there and when each key closes: the whole of a value's distinct-count state in one compact object (encoded keys in
 * one byte array, primitives beside them), so a value costs a few hundred bytes of heap and snapshots fast.
 *
 * <p>Entry {@code i} is aggregation {@code aggregations[i]} with the key encoded in
 * {@code keys[starts[i] .. starts[i] + lengths[i])}.
 */
public final class Memberships {

    int size;
    byte[] aggregations = new byte[4];
    int[] starts = new int[4];
    int[] lengths = new int[4];
    long[] closes = new long[4];
    int[] flags = new int[4];
    byte[] keys = new byte[64];
    int keyBytes;

    /** The entry of {@code aggregation} whose key's encoding is {@code key[0..length)}, or -1. */
    int find(int aggregation, byte[] key, int length) {
        for (int i = 0; i < size; i++) {
            if (aggregations[i] == aggregation && lengths[i] == length
                    && Arrays.equals(keys, starts[i], starts[i] + length, key, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds an entry; returns its index. */
    int add(int aggregation, byte[] key, int length, long close, int entryFlags) {
        if (size == aggregations.length) {
            int capacity = size * 2;
            aggregations = Arrays.copyOf(aggregations, capacity);
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            closes = Arrays.copyOf(closes, capacity);
            flags = Arrays.copyOf(flags, capacity);
        }
        if (keyBytes + length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyBytes + length));
        }
        System.arraycopy(key, 0, keys, keyBytes, length);
        aggregations[size] = (byte) aggregation;
        starts[size] = keyBytes;
        lengths[size] = length;
        closes[size] = close;
        flags[size] = entryFlags;
        keyBytes += length;
        return size++;
    }

    /** Drops the entries whose key closes at or before {@code time}; returns whether any remain. */
    boolean removeClosedAt(long time) {
        int kept = 0;
        int keptBytes = 0;
        for (int i = 0; i < size; i++) {
            if (closes[i] > time) {
                System.arraycopy(keys, starts[i], keys, keptBytes, lengths[i]);
                aggregations[kept] = aggregations[i];
                starts[kept] = keptBytes;
                lengths[kept] = lengths[i];
                closes[kept] = closes[i];
                flags[kept] = flags[i];
                keptBytes += lengths[i];
                kept++;
            }
        }
        size = kept;
        keyBytes = keptBytes;
        return size > 0;
    }
}

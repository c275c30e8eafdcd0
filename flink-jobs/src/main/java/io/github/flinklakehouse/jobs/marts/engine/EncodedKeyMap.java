package io.github.flinklakehouse.jobs.marts.engine;

import java.util.Arrays;

/**
 * A hash map from encoded keys ({@link KeyEncoder}'s bytes with their {@link Memberships#keyHash}) to values, with
 * open addressing over primitive arrays: a lookup compares an int and a byte range instead of calling a key record's
 * {@code hashCode} and {@code equals} through several objects. A dimension stage looks up every entry of every
 * {@link ValueBatch} in its buffered partials; with a {@code HashMap} of key records that lookup took a fifth of the
 * sessions stage (JFR profile of a 2,000,000-row backfill).
 *
 * @param <T> the value type
 */
final class EncodedKeyMap<T> {

    /** Per bucket, the entry index plus one; 0 for an empty bucket. */
    private int[] buckets = new int[64];
    private int[] hashes = new int[32];
    private int[] starts = new int[32];
    private int[] lengths = new int[32];
    private Object[] values = new Object[32];
    private byte[] keys = new byte[1024];
    private int keyBytes;
    private int size;

    int size() {
        return size;
    }

    /** The value of the key encoded in {@code key[from..from + length)} with hash {@code hash}, or null. */
    @SuppressWarnings("unchecked")
    T get(byte[] key, int from, int length, int hash) {
        int mask = buckets.length - 1;
        for (int bucket = spread(hash) & mask; ; bucket = (bucket + 1) & mask) {
            int entry = buckets[bucket] - 1;
            if (entry < 0) {
                return null;
            }
            if (hashes[entry] == hash && lengths[entry] == length
                    && Arrays.equals(keys, starts[entry], starts[entry] + length, key, from, from + length)) {
                return (T) values[entry];
            }
        }
    }

    /** Adds a key that {@link #get} did not find. */
    void put(byte[] key, int from, int length, int hash, T value) {
        if (size == values.length) {
            int capacity = size * 2;
            hashes = Arrays.copyOf(hashes, capacity);
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        if (keyBytes + length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyBytes + length));
        }
        System.arraycopy(key, from, keys, keyBytes, length);
        hashes[size] = hash;
        starts[size] = keyBytes;
        lengths[size] = length;
        values[size] = value;
        keyBytes += length;
        size++;
        if (2 * size > buckets.length) {
            buckets = new int[buckets.length * 2];
            for (int entry = 0; entry < size; entry++) {
                place(entry);
            }
        } else {
            place(size - 1);
        }
    }

    /**
     * Forgets every key. Keeps the arrays for the next keys unless they are eight times larger than this round
     * needed: one large round (a batch job's 100,000 keys) then does not cost its memory and a large clear forever.
     */
    void clear() {
        if (buckets.length > 64 && size * 8 < buckets.length) {
            buckets = new int[64];
            hashes = new int[32];
            starts = new int[32];
            lengths = new int[32];
            values = new Object[32];
            keys = new byte[1024];
        } else if (size > 0) {
            Arrays.fill(buckets, 0);
            Arrays.fill(values, 0, size, null);
        }
        size = 0;
        keyBytes = 0;
    }

    private void place(int entry) {
        int mask = buckets.length - 1;
        int bucket = spread(hashes[entry]) & mask;
        while (buckets[bucket] != 0) {
            bucket = (bucket + 1) & mask;
        }
        buckets[bucket] = entry + 1;
    }

    /** The polynomial hash's low bits alone cluster; mix the high bits in like {@code HashMap} does, and more. */
    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}

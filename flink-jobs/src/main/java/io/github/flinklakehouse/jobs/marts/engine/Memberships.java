package io.github.flinklakehouse.jobs.marts.engine;

import java.util.Arrays;

/**
 * Which keys one dimension value (a user, a session) was seen in, per aggregation, with the OR of its events' flags
 * there and when each key closes: the whole of a value's distinct-count state in one compact object (encoded keys in
 * one byte array, primitives beside them), so a value costs a few hundred bytes of heap and snapshots fast.
 *
 * <p>Entry {@code i} is aggregation {@code aggregations[i]} with the key encoded in
 * {@code keys[starts[i] .. starts[i] + lengths[i])}; {@code hashes[i]} (derived, never written to a snapshot) lets a
 * lookup compare one int per entry, newest first: a value's latest keys (this hour, this day) are the ones its next
 * events look for.
 */
public final class Memberships {

    int size;
    byte[] aggregations = new byte[4];
    int[] starts = new int[4];
    int[] lengths = new int[4];
    long[] closes = new long[4];
    int[] flags = new int[4];
    int[] hashes = new int[4];
    byte[] keys = new byte[64];
    int keyBytes;
    /** The keys are in {@link KeyBuffer}'s fixed-width encoding: state restored from memberships layout 1. */
    boolean fixedWidthKeys;

    /** The entry of {@code aggregation} whose key's encoding is {@code key[0..length)}, or -1. */
    int find(int aggregation, byte[] key, int length) {
        return find(aggregation, key, length, keyHash(key, 0, length));
    }

    /** Like {@link #find(int, byte[], int)}, with the key's {@link #keyHash} already computed. */
    int find(int aggregation, byte[] key, int length, int keyHash) {
        return find(aggregation, key, 0, length, keyHash);
    }

    /** The entry of {@code aggregation} whose key's encoding is {@code key[from..from + length)}, or -1. */
    int find(int aggregation, byte[] key, int from, int length, int keyHash) {
        int hash = 31 * keyHash + aggregation;
        for (int i = size - 1; i >= 0; i--) {
            if (hashes[i] == hash && aggregations[i] == aggregation && lengths[i] == length
                    && Arrays.equals(keys, starts[i], starts[i] + length, key, from, from + length)) {
                return i;
            }
        }
        return -1;
    }

    /** The hash of an encoded key, {@code key[from..from + length)}. */
    static int keyHash(byte[] key, int from, int length) {
        int hash = 1;
        for (int i = from; i < from + length; i++) {
            hash = 31 * hash + key[i];
        }
        return hash;
    }

    private static int hash(int aggregation, byte[] key, int from, int length) {
        return 31 * keyHash(key, from, length) + aggregation;
    }

    /** Recomputes the derived hashes (after reading the entries back). */
    void rehash() {
        if (hashes.length < aggregations.length) {
            hashes = new int[aggregations.length];
        }
        for (int i = 0; i < size; i++) {
            hashes[i] = hash(aggregations[i], keys, starts[i], lengths[i]);
        }
    }

    /** Adds an entry; returns its index. */
    int add(int aggregation, byte[] key, int length, long close, int entryFlags) {
        return add(aggregation, key, 0, length, keyHash(key, 0, length), close, entryFlags);
    }

    /** Adds an entry whose key is {@code key[from..from + length)} with {@link #keyHash} {@code keyHash}. */
    int add(int aggregation, byte[] key, int from, int length, int keyHash, long close, int entryFlags) {
        if (size == aggregations.length) {
            int capacity = size * 2;
            aggregations = Arrays.copyOf(aggregations, capacity);
            starts = Arrays.copyOf(starts, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            closes = Arrays.copyOf(closes, capacity);
            flags = Arrays.copyOf(flags, capacity);
            hashes = Arrays.copyOf(hashes, capacity);
        }
        if (keyBytes + length > keys.length) {
            keys = Arrays.copyOf(keys, Math.max(keys.length * 2, keyBytes + length));
        }
        System.arraycopy(key, from, keys, keyBytes, length);
        aggregations[size] = (byte) aggregation;
        starts[size] = keyBytes;
        lengths[size] = length;
        closes[size] = close;
        flags[size] = entryFlags;
        hashes[size] = 31 * keyHash + aggregation;
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
                hashes[kept] = hashes[i];
                keptBytes += lengths[i];
                kept++;
            }
        }
        size = kept;
        keyBytes = keptBytes;
        return size > 0;
    }
}

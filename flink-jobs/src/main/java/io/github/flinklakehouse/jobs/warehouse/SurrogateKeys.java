package io.github.flinklakehouse.jobs.warehouse;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic surrogate keys: a key is a function of the natural key (and, for an SCD Type 2 version, of its
 * {@code valid_from}), so the stream, a restart and a backfill give every row the same key without a sequence to
 * share. The key is 63 bits of a SHA-256, as likely to collide as random numbers: about n²/2^64 for n rows, so
 * one chance in 2,000 at 100 million versions (a collision makes the upsert of one row overwrite another).
 */
public final class SurrogateKeys {

    private SurrogateKeys() {
    }

    /** The key of the version of user {@code userId} that starts at {@code validFromMillis}. */
    public static long userKey(long userId, long validFromMillis) {
        return hash('u', userId, validFromMillis);
    }

    /** The key of product {@code productId}. */
    public static long productKey(long productId) {
        return hash('p', productId, 0);
    }

    private static long hash(char kind, long id, long from) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(ByteBuffer.allocate(18).putChar(kind).putLong(id).putLong(from).array());
            return ByteBuffer.wrap(digest).getLong() & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}

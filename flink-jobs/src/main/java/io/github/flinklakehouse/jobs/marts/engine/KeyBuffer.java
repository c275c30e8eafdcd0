package io.github.flinklakehouse.jobs.marts.engine;

import java.util.Arrays;

/** A reusable growable byte buffer that {@link KeyEncoder} writes one key's encoding into. */
final class KeyBuffer {

    private byte[] bytes = new byte[64];
    private int length;
    private int hash;
    private boolean hashed;

    void reset() {
        length = 0;
        hashed = false;
    }

    /** {@link Memberships#keyHash} of the bytes written, computed once. */
    int hash() {
        if (!hashed) {
            hash = Memberships.keyHash(bytes, 0, length);
            hashed = true;
        }
        return hash;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void writeByte(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
    }

    void writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    /** The length, then two bytes per char: no allocation, and equal bytes exactly for equal strings. */
    void writeString(String value) {
        int chars = value.length();
        ensure(4 + 2 * chars);
        bytes[length++] = (byte) (chars >>> 24);
        bytes[length++] = (byte) (chars >>> 16);
        bytes[length++] = (byte) (chars >>> 8);
        bytes[length++] = (byte) chars;
        for (int i = 0; i < chars; i++) {
            char c = value.charAt(i);
            bytes[length++] = (byte) (c >>> 8);
            bytes[length++] = (byte) c;
        }
    }

    private void ensure(int more) {
        hashed = false;
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}

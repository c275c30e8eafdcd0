package io.github.flinklakehouse.jobs.marts.engine;

import java.util.Arrays;

/**
 * A reusable growable byte buffer that {@link KeyEncoder} writes one key's encoding into.
 *
 * <p>Two encodings, each equal exactly for equal keys. The compact one (the default) writes integers as zigzag
 * varints and a string as its length and each char as varints (one byte per ASCII char): a funnel key of a day,
 * category and brand takes about 35 bytes instead of 60. The fixed-width one (8-byte integers, a 4-byte length and
 * two bytes per char) is how state written by earlier builds (memberships layout 1) encoded its keys; {@link Memberships} restored from
 * such state keep using it, so their entries are still found.
 */
final class KeyBuffer {

    private byte[] bytes = new byte[64];
    private int length;
    private int hash;
    private boolean hashed;
    private boolean fixedWidth;

    /** Starts a new key in the compact encoding. */
    void reset() {
        reset(false);
    }

    /** Starts a new key; {@code fixedWidth} selects the encoding of layout-1 state. */
    void reset(boolean fixedWidth) {
        length = 0;
        hashed = false;
        this.fixedWidth = fixedWidth;
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
        if (!fixedWidth) {
            writeVarLong((value << 1) ^ (value >> 63));
            return;
        }
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
    }

    /**
     * The length, then the chars: no allocation, and equal bytes exactly for equal strings (the length and each
     * char are prefix-free, so a record's fields never run into each other).
     */
    void writeString(String value) {
        int chars = value.length();
        if (!fixedWidth) {
            writeVarLong(chars);
            ensure(3 * chars);
            for (int i = 0; i < chars; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    bytes[length++] = (byte) c;
                } else {
                    writeVarLong(c);
                }
            }
            return;
        }
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

    /** Seven bits per byte, low first, the high bit set on every byte but the last. */
    private void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
    }

    private void ensure(int more) {
        hashed = false;
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}

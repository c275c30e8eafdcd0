package io.github.flinklakehouse.jobs.marts.engine;

/**
 * Reads a key back from {@link KeyBuffer}'s compact encoding ({@link KeyEncoder#decode}): a dimension stage receives
 * the keys of a {@link ValueBatch} encoded and builds a key object only for a key it has not buffered yet.
 */
final class KeyReader {

    private byte[] bytes;
    private int position;
    private int end;

    /** Starts reading the encoding {@code bytes[from..from + length)}. */
    KeyReader reset(byte[] bytes, int from, int length) {
        this.bytes = bytes;
        this.position = from;
        this.end = from + length;
        return this;
    }

    /** Whether every byte of the encoding was read: a decoded key that leaves bytes over is not the encoded one. */
    boolean atEnd() {
        return position == end;
    }

    int readByte() {
        if (position >= end) {
            throw new IllegalStateException("Key encoding ends early, at byte " + position);
        }
        return bytes[position++];
    }

    /** A zigzag varint, as {@link KeyBuffer#writeLong} writes it in the compact encoding. */
    long readLong() {
        long zigzag = readVarLong();
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    String readString() {
        long chars = readVarLong();
        if (chars < 0 || chars > end - position) {
            throw new IllegalStateException("Key encoding holds a string of " + chars + " chars in "
                    + (end - position) + " bytes");
        }
        char[] text = new char[(int) chars];
        for (int i = 0; i < text.length; i++) {
            int first = readByte();
            // An ASCII char is one byte with the high bit clear; any other char is a varint of two or three bytes.
            text[i] = first >= 0 ? (char) first : (char) readVarLongFrom(first);
        }
        return new String(text);
    }

    private long readVarLong() {
        return readVarLongFrom(readByte());
    }

    private long readVarLongFrom(int first) {
        long value = first & 0x7F;
        int shift = 7;
        int current = first;
        while ((current & 0x80) != 0) {
            if (shift > 63) {
                throw new IllegalStateException("Key encoding holds a varint longer than ten bytes");
            }
            current = readByte();
            value |= (long) (current & 0x7F) << shift;
            shift += 7;
        }
        return value;
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Key encodings are equal exactly when the keys are equal, for every supported key type, and read back. */
class KeyEncoderTest {

    public enum Level { TOP, LEAF }

    public record Narrow(int hour, short minute, byte second, Integer boxed, Long total, Level level, boolean flag) {
    }

    public record Inner(String name, boolean flag) {
    }

    public record Key(long day, int hour, String category, Inner inner) {
    }

    public record Pair(String first, String second, long number) {
    }

    @ParameterizedTest(name = "fixed width: {0}")
    @ValueSource(booleans = {false, true})
    void equalKeysEncodeEquallyAndDifferentKeysDifferently(boolean fixedWidth) throws Throwable {
        this.fixedWidth = fixedWidth;
        KeyEncoder encoder = KeyEncoder.forType(Key.class);
        Key key = new Key(86_400_000L, 7, "electronics.smartphone", new Inner("a", true));
        assertThat(bytes(encoder, key)).containsExactly(bytes(encoder, new Key(86_400_000L, 7,
                new String("electronics.smartphone"), new Inner("a", true))));
        for (Key other : new Key[] {
                new Key(86_400_001L, 7, "electronics.smartphone", new Inner("a", true)),
                new Key(86_400_000L, 8, "electronics.smartphone", new Inner("a", true)),
                new Key(86_400_000L, 7, "electronics.smartphonE", new Inner("a", true)),
                new Key(86_400_000L, 7, null, new Inner("a", true)),
                new Key(86_400_000L, 7, "", new Inner("a", true)),
                new Key(86_400_000L, 7, "electronics.smartphone", new Inner("a", false)),
                new Key(86_400_000L, 7, "electronics.smartphone", null)}) {
            assertThat(Arrays.equals(bytes(encoder, key), bytes(encoder, other))).as(other.toString()).isFalse();
        }
        // A string boundary cannot shift: ("ab", "c") and ("a", "bc") differ.
        KeyEncoder pairs = KeyEncoder.forType(Inner.class);
        assertThat(bytes(pairs, new Inner("ab", true))).isNotEqualTo(bytes(pairs, new Inner("a", true)));
        assertThat(bytes(KeyEncoder.forType(String.class), "é")).isNotEqualTo(bytes(KeyEncoder.forType(String.class), "e"));
    }

    @ParameterizedTest(name = "fixed width: {0}")
    @ValueSource(booleans = {false, true})
    void randomDistinctKeysNeverShareAnEncoding(boolean fixedWidth) throws Throwable {
        this.fixedWidth = fixedWidth;
        KeyEncoder encoder = KeyEncoder.forType(Pair.class);
        SplittableRandom random = new SplittableRandom(7);
        String alphabet = "ab\u00e9\u0080\u07ff\u0800\uffff.";
        Map<String, Pair> seen = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            Pair key = new Pair(random.nextInt(10) == 0 ? null : text(random, alphabet),
                    text(random, alphabet), random.nextInt(3) == 0 ? random.nextLong() : random.nextLong(-300, 300));
            Pair earlier = seen.putIfAbsent(Base64.getEncoder().encodeToString(bytes(encoder, key)), key);
            if (earlier != null) {
                assertThat(earlier).isEqualTo(key);
            }
        }
    }

    @Test
    void theCompactEncodingOfAFunnelKeyIsAboutHalfTheFixedWidthOne() throws Throwable {
        KeyEncoder encoder = KeyEncoder.forType(Pair.class);
        Pair funnel = new Pair("electronics.smartphone", "samsung", 1_569_888_000_000L);
        fixedWidth = true;
        int fixed = bytes(encoder, funnel).length;
        fixedWidth = false;
        int compact = bytes(encoder, funnel).length;
        assertThat(fixed).isEqualTo(1 + 4 + 44 + 1 + 4 + 14 + 8);
        assertThat(compact).isEqualTo(1 + 1 + 22 + 1 + 1 + 7 + 6);
    }

    @Test
    void everyKeyReadsBackAsItWasWritten() throws Throwable {
        String surrogates = "\ud83d\ude00 \ud800 lone \uffff \u0000 \u00e9";
        Object[][] keys = {
            {Key.class, new Key(Long.MIN_VALUE, Integer.MAX_VALUE, surrogates, new Inner("", false))},
            {Key.class, new Key(Long.MAX_VALUE, Integer.MIN_VALUE, null, null)},
            {Pair.class, new Pair("electronics.smartphone", null, -1)},
            {Narrow.class, new Narrow(-7, Short.MIN_VALUE, Byte.MAX_VALUE, null, Long.MIN_VALUE, Level.LEAF, true)},
            {Narrow.class, new Narrow(23, (short) 59, (byte) -1, Integer.MIN_VALUE, null, null, false)},
            {Long.class, Long.MIN_VALUE}, {Long.class, 0L}, {Integer.class, -1}, {Short.class, (short) 300},
            {Byte.class, (byte) -128}, {Boolean.class, true}, {String.class, surrogates}, {String.class, ""},
            {Level.class, Level.TOP},
        };
        for (Object[] typed : keys) {
            KeyEncoder encoder = KeyEncoder.forType((Class<?>) typed[0]);
            byte[] encoded = bytes(encoder, typed[1]);
            Object read = encoder.decode(new KeyReader(), encoded, 0, encoded.length);
            assertThat(read).as("%s", typed[1]).isEqualTo(typed[1]).hasSameClassAs(typed[1]);
        }
    }

    @Test
    void randomKeysReadBackFromTheMiddleOfALargerArray() throws Throwable {
        KeyEncoder encoder = KeyEncoder.forType(Pair.class);
        SplittableRandom random = new SplittableRandom(11);
        KeyReader reader = new KeyReader();
        for (int i = 0; i < 20_000; i++) {
            Pair key = new Pair(random.nextInt(10) == 0 ? null : text(random, "ab\u00e9\u0800\uffff\ud800."),
                    text(random, "xyz\u0080"), random.nextLong());
            byte[] encoded = bytes(encoder, key);
            byte[] padded = new byte[encoded.length + 10];
            System.arraycopy(encoded, 0, padded, 5, encoded.length);
            assertThat(encoder.decode(reader, padded, 5, encoded.length)).isEqualTo(key);
        }
    }

    @Test
    void aTruncatedOrOverlongEncodingIsAClearError() throws Throwable {
        KeyEncoder encoder = KeyEncoder.forType(Pair.class);
        byte[] encoded = bytes(encoder, new Pair("electronics", "apple", 1_569_888_000_000L));
        assertThatThrownBy(() -> encoder.decode(new KeyReader(), encoded, 0, encoded.length - 1))
                .hasMessageContaining("Cannot decode an aggregation key of " + (encoded.length - 1) + " bytes")
                .hasRootCauseMessage("Key encoding ends early, at byte " + (encoded.length - 1));
        byte[] longer = Arrays.copyOf(encoded, encoded.length + 1);
        assertThatThrownBy(() -> encoder.decode(new KeyReader(), longer, 0, longer.length))
                .hasMessageContaining("Cannot decode").rootCause().hasMessageContaining("bytes left over");
    }

    @Test
    void refusesKeyTypesItCannotCompare() {
        assertThatThrownBy(() -> KeyEncoder.forType(java.util.List.class)).hasMessageContaining("not java.util.List");
    }

    private boolean fixedWidth;

    private static String text(SplittableRandom random, String alphabet) {
        char[] chars = new char[random.nextInt(4)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private byte[] bytes(KeyEncoder encoder, Object key) throws Throwable {
        KeyBuffer buffer = new KeyBuffer();
        buffer.reset(fixedWidth);
        encoder.encode(key, buffer);
        return Arrays.copyOf(buffer.bytes(), buffer.length());
    }
}

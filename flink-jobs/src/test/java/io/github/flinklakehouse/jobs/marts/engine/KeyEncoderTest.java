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

/** Key encodings are equal exactly when the keys are equal, for every supported key type. */
class KeyEncoderTest {

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

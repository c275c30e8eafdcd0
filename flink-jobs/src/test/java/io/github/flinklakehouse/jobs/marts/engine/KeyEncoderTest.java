package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Key encodings are equal exactly when the keys are equal, for every supported key type. */
class KeyEncoderTest {

    public record Inner(String name, boolean flag) {
    }

    public record Key(long day, int hour, String category, Inner inner) {
    }

    @Test
    void equalKeysEncodeEquallyAndDifferentKeysDifferently() throws Throwable {
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

    @Test
    void refusesKeyTypesItCannotCompare() {
        assertThatThrownBy(() -> KeyEncoder.forType(java.util.List.class)).hasMessageContaining("not java.util.List");
    }

    private static byte[] bytes(KeyEncoder encoder, Object key) throws Throwable {
        KeyBuffer buffer = new KeyBuffer();
        encoder.encode(key, buffer);
        return Arrays.copyOf(buffer.bytes(), buffer.length());
    }
}

package io.github.flinklakehouse.jobs.marts.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressing map of encoded keys finds exactly what was put, across growth, collisions and clears. */
class EncodedKeyMapTest {

    @Test
    void findsEveryKeyPutAndNothingElseAcrossGrowthAndClears() {
        EncodedKeyMap<String> map = new EncodedKeyMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int round = 0; round < 3; round++) {
            Map<String, String> expected = new HashMap<>();
            for (int i = 0; i < 50_000; i++) {
                String key = Long.toString(random.nextLong(0, 80_000), 36);
                byte[] bytes = padded(key);
                int hash = Memberships.keyHash(bytes, 3, bytes.length - 6);
                String found = map.get(bytes, 3, bytes.length - 6, hash);
                assertThat(found).as(key).isEqualTo(expected.get(key));
                if (found == null) {
                    map.put(bytes, 3, bytes.length - 6, hash, "value of " + key);
                    expected.put(key, "value of " + key);
                }
            }
            assertThat(map.size()).isEqualTo(expected.size());
            map.clear();
            assertThat(map.size()).isZero();
            byte[] any = padded("1");
            assertThat(map.get(any, 3, 1, Memberships.keyHash(any, 3, 1))).as("cleared").isNull();
        }
    }

    @Test
    void keysWithOneHashAreToldApartByTheirBytes() {
        EncodedKeyMap<Integer> map = new EncodedKeyMap<>();
        for (int i = 0; i < 1_000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.US_ASCII);
            map.put(key, 0, key.length, 42, i);
        }
        for (int i = 0; i < 1_000; i++) {
            byte[] key = ("key-" + i).getBytes(StandardCharsets.US_ASCII);
            assertThat(map.get(key, 0, key.length, 42)).isEqualTo(i);
        }
        byte[] other = "key-1000".getBytes(StandardCharsets.US_ASCII);
        assertThat(map.get(other, 0, other.length, 42)).isNull();
        byte[] prefix = "key-1".getBytes(StandardCharsets.US_ASCII);
        assertThat(map.get(prefix, 0, prefix.length - 1, 42)).as("a shorter key").isNull();
    }

    /** The key's bytes between three bytes of noise on each side: keys are read from inside larger arrays. */
    private static byte[] padded(String key) {
        return ("xyz" + key + "abc").getBytes(StandardCharsets.US_ASCII);
    }
}

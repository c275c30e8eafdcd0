package io.github.flinklakehouse.connectors.http.source.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class HttpWindowSplitSerializerTest {

    private final HttpWindowSplitSerializer serializer = HttpWindowSplitSerializer.INSTANCE;

    @Test
    void roundTripsUnpolledAndMidPaginationSplits() throws IOException {
        HttpWindowSplit unpolled = HttpWindowSplit.unpolled("kma-ncst", 1_599_260_400_000L, 1_599_264_000_000L);
        HttpWindowSplit midPage = new HttpWindowSplit("cursor-api", 10L, 20L, 3, "c/ü=3", 7, false);
        HttpWindowSplit done = new HttpWindowSplit("kec", 10L, 20L, 2, null, 4, true);
        for (HttpWindowSplit split : new HttpWindowSplit[] {unpolled, midPage, done}) {
            assertThat(serializer.deserialize(serializer.getVersion(), serializer.serialize(split))).isEqualTo(split);
        }
        assertThat(unpolled.splitId()).isEqualTo("kma-ncst@1599260400000");
    }

    @Test
    void versionOneLayoutStaysReadable() throws IOException {
        // Bytes written by version 1; a layout change must bump the version and keep reading these.
        byte[] v1 = {0, 1, 'e', 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 2, 1, 0, 1, 'c', 0, 0, 0, 5, 0};
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThat(serializer.deserialize(1, v1)).isEqualTo(new HttpWindowSplit("e", 10L, 20L, 2, "c", 5, false));
        assertThat(serializer.serialize(new HttpWindowSplit("e", 10L, 20L, 2, "c", 5, false))).isEqualTo(v1);
    }

    @Test
    void unknownVersionIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> serializer.deserialize(2, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessage("Unknown HttpWindowSplit serializer version 2 (this code reads 1)");
    }
}

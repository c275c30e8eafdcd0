package io.github.flinklakehouse.connectors.http.source.enumerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.connectors.http.source.split.HttpWindowSplit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpEnumeratorStateSerializerTest {

    private final HttpEnumeratorStateSerializer serializer = HttpEnumeratorStateSerializer.INSTANCE;

    @Test
    void roundTripsNextWindowsAndPendingSplitsInOrder() throws IOException {
        HttpEnumeratorState state = new HttpEnumeratorState(
                Map.of("kma", 3_600_000L, "kec", 7_200_000L),
                List.of(HttpWindowSplit.unpolled("kma", 0L, 3_600_000L),
                        new HttpWindowSplit("kec", 3_600_000L, 7_200_000L, 2, null, 1, false)));
        HttpEnumeratorState copy = serializer.deserialize(serializer.getVersion(), serializer.serialize(state));
        assertThat(copy).isEqualTo(state);
        assertThat(copy.pendingSplits()).containsExactlyElementsOf(state.pendingSplits());
    }

    @Test
    void versionIsCheckedOnRead() {
        assertThat(serializer.getVersion()).isEqualTo(1);
        assertThatThrownBy(() -> serializer.deserialize(0, new byte[0]))
                .isInstanceOf(IOException.class)
                .hasMessage("Unknown HttpEnumeratorState serializer version 0 (this code reads 1)");
    }
}

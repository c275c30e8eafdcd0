package io.github.flinklakehouse.jobs.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.config.ConfigException;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.junit.jupiter.api.Test;

/** The bounds of a Kafka backfill: earliest/latest, an instant, explicit partition offsets, and clear errors. */
class KafkaOffsetsSpecTest {

    @Test
    void acceptsEveryForm() {
        assertThat(KafkaOffsetsSpec.parse("earliest", "t", "backfill.kafka.start")).isNotNull();
        assertThat(KafkaOffsetsSpec.parse("LATEST", "t", "backfill.kafka.stop")).isNotNull();
        OffsetsInitializer instant = KafkaOffsetsSpec.parse("2019-10-01T00:00:00Z", "t", "backfill.kafka.start");
        assertThat(instant.getClass().getSimpleName()).contains("Timestamp");
        OffsetsInitializer offsets = KafkaOffsetsSpec.parse("0:100, 1:250", "t", "backfill.kafka.stop");
        assertThat(offsets.getClass().getSimpleName()).contains("Specified");
    }

    @Test
    void rejectsAnythingElseNamingTheOption() {
        for (String wrong : new String[] {"yesterday", "0:", "0:-1", "a:b", "2019-13-01T00:00:00Z"}) {
            assertThatThrownBy(() -> KafkaOffsetsSpec.parse(wrong, "t", "backfill.kafka.start"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("--backfill.kafka.start must be earliest, latest, an ISO-8601 instant")
                    .hasMessageContaining("'" + wrong + "'");
        }
    }
}

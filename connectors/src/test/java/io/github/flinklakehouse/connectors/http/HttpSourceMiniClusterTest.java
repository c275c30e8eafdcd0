package io.github.flinklakehouse.connectors.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A bounded run of the whole source on a MiniCluster (parallelism 2) against the local KMA and KEC fakes. */
class HttpSourceMiniClusterTest {

    private static final String SOURCE_UID = "test.http-source.v1";
    private static final String SOURCE_NAME = "HTTP source: KMA + KEC";
    private static final String SPLITTER_UID = "test.dead-letter-splitter.v1";
    private static final String SPLITTER_NAME = "Split dead letters";
    private static final int HOURS = 11; // 08:00-19:00 KST: one scripted KMA case per hour

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir Path dir;

    @Test
    void boundedRunEmitsEveryRecordAndDeadLetterExactlyOnce() throws Exception {
        List<String> actual = new ArrayList<>();
        try (FakeApiServer server = FakeApiServer.start()) {
            KmaTestApi.script(server);
            KecTestApi.script(server);
            HttpSource source = HttpSource.builder()
                    .addEndpoint(KmaTestApi.endpoint(server, Files.writeString(dir.resolve("kma.key"), KmaTestApi.SERVICE_KEY)))
                    .addEndpoint(KecTestApi.endpoint("kec-traffic-ic", server,
                            Files.writeString(dir.resolve("kec.key"), KecTestApi.VALID_KEY), "1"))
                    .windowSize(Duration.ofHours(1))
                    .startTime(KmaTestApi.FIRST_WINDOW)
                    .endTime(KmaTestApi.FIRST_WINDOW.plus(Duration.ofHours(HOURS)))
                    .discoveryInterval(Duration.ofSeconds(1))
                    .retries(3, Duration.ofMillis(20), Duration.ofMillis(200), 0.1)
                    .maxRetryAfter(Duration.ofSeconds(2))
                    .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500))
                    .build();

            Configuration config = new Configuration();
            config.set(PipelineOptions.GENERIC_TYPES, false); // fails the job if anything falls back to Kryo
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
            env.setParallelism(2);

            SingleOutputStreamOperator<HttpRecord> records = env
                    .fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE_NAME).uid(SOURCE_UID)
                    .process(new DeadLetterSplitter()).uid(SPLITTER_UID).name(SPLITTER_NAME);
            DataStream<String> recordLines = records
                    .map(r -> r.endpointId() + "|" + r.windowStartMs() + "|" + r.page() + "|" + r.index() + "|" + r.json())
                    .returns(Types.STRING);
            DataStream<String> deadLetterLines = records.getSideOutput(DeadLetterSplitter.DEAD_LETTERS)
                    .map(d -> "DEAD|" + d.endpointId() + "|" + d.windowStartMs() + "|" + d.page() + "|" + d.reason())
                    .returns(Types.STRING);
            try (CloseableIterator<String> it = recordLines.union(deadLetterLines).executeAndCollect("http-source-test")) {
                it.forEachRemaining(actual::add);
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected());
    }

    /** Computed from the scripts, independently of the source. */
    private static List<String> expected() {
        List<String> lines = new ArrayList<>();
        List<String> kma = KmaTestApi.ITEMS;
        for (int hour = 8; hour < 8 + HOURS; hour++) {
            long w = KmaTestApi.windowStart(hour);
            switch (hour) {
                case 8:
                    for (int i = 0; i < 8; i++) {
                        lines.add("kma-ncst|" + w + "|" + (i / 4 + 1) + "|" + (i % 4) + "|" + kma.get(i));
                    }
                    break;
                case 11: case 12: case 13:
                    for (int i = 0; i < 8; i++) {
                        lines.add("kma-ncst|" + w + "|1|" + i + "|" + kma.get(i)); // the real sample page
                    }
                    break;
                case 16:
                    for (int i = 0; i < 4; i++) {
                        lines.add("kma-ncst|" + w + "|1|" + i + "|" + kma.get(i));
                    }
                    break;
                case 17:
                    lines.add("kma-ncst|" + w + "|1|0|" + kma.get(0));
                    lines.add("DEAD|kma-ncst|" + w + "|1|RECORD_NOT_OBJECT");
                    lines.add("kma-ncst|" + w + "|1|2|" + kma.get(2));
                    break;
                case 10:
                    lines.add("DEAD|kma-ncst|" + w + "|1|GATEWAY_ERROR");
                    break;
                case 14:
                    lines.add("DEAD|kma-ncst|" + w + "|1|MALFORMED_BODY");
                    break;
                case 15:
                    lines.add("DEAD|kma-ncst|" + w + "|1|CONNECTION_ERROR");
                    break;
                case 18:
                    lines.add("DEAD|kma-ncst|" + w + "|1|CLIENT_ERROR");
                    break;
                default: // 09: NO_DATA
            }
            for (int i = 0; i < 5; i++) {
                lines.add("kec-traffic-ic|" + w + "|" + (i / 2 + 1) + "|" + (i % 2) + "|" + KecTestApi.RECORDS.get(i));
            }
        }
        assertThat(lines).hasSize(38 + 5 + HOURS * 5);
        return lines;
    }

    @Test
    void emittedTypesUseFlinksPojoSerializerNotKryo() {
        assertThat(new HttpSource(java.util.Map.of(), null, null).getProducedType()).isInstanceOf(PojoTypeInfo.class);
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(HttpRecord.class)).isInstanceOf(PojoTypeInfo.class);
        assertThat(org.apache.flink.api.common.typeinfo.TypeInformation.of(HttpDeadLetter.class))
                .isInstanceOf(PojoTypeInfo.class);
        assertThat(Instant.ofEpochMilli(KmaTestApi.windowStart(8))).isEqualTo(KmaTestApi.FIRST_WINDOW);
    }
}

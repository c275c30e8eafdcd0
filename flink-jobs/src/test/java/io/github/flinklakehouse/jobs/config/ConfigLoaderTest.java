package io.github.flinklakehouse.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.flinklakehouse.jobs.LakehouseJobs;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamConfig;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamMartSettings;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamOptions;
import io.github.flinklakehouse.jobs.warehouse.WarehouseOptions;
import io.github.flinklakehouse.jobs.roadtraffic.config.RoadTrafficOptions;
import io.github.flinklakehouse.jobs.clickstream.config.ClickstreamSettings;
import io.github.flinklakehouse.jobs.clickstream.config.EventFormat;
import io.github.flinklakehouse.jobs.clickstream.config.EventValidation;
import io.github.flinklakehouse.jobs.clickstream.config.IdPattern;
import io.github.flinklakehouse.jobs.clickstream.config.KafkaSettings;
import io.github.flinklakehouse.jobs.clickstream.config.StartingOffsets;
import io.github.flinklakehouse.jobs.clickstream.config.TrendingSettings;
import io.github.flinklakehouse.jobs.quality.QualityRules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaultsTargetTheLocalStack() {
        LakehouseConfig config = LakehouseJobs.PIPELINES.defaults();

        assertThat(ClickstreamConfig.of(config).kafka()).isEqualTo(
                new KafkaSettings("localhost:9092", "clickstream.events", "lakehouse-clickstream", StartingOffsets.EARLIEST));
        assertThat(config.catalog().catalogName()).isEqualTo("lakehouse");
        assertThat(config.catalog().jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/lakehouse");
        assertThat(config.catalog().warehouse()).isEqualTo("s3://lakehouse/warehouse");
        assertThat(config.catalog().s3Endpoint()).isEqualTo("http://localhost:9000");
        assertThat(config.catalog().s3PathStyleAccess()).isTrue();
        assertThat(config.marts().connection().url()).isEqualTo(config.catalog().jdbcUrl());
        assertThat(config.marts().connection().user()).isEqualTo("lakehouse");
        assertThat(config.marts().schema()).isEqualTo("marts");
        assertThat(ClickstreamConfig.of(config).clickstream()).isEqualTo(new ClickstreamSettings(
                Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofSeconds(1))
                .withQuality(new QualityRules(List.of(), ClickstreamOptions.QUALITY_BACKFILL_KEYS.defaultValue())));
        assertThat(config.pipeline()).isEqualTo(new PipelineSettings(Duration.ofSeconds(10), 2));
    }

    @Test
    void precedenceIsDefaultsThenFileThenEnvironmentThenCommandLine() throws Exception {
        Path file = dir.resolve("lakehouse.properties");
        Files.writeString(file, "clickstream.kafka.topic=from-file\nclickstream.kafka.group-id=file-group\nmarts.schema=file_schema\n"
                + "s3.secret-key=file-secret\n");
        Map<String, String> env = Map.of(
                "LAKEHOUSE_CLICKSTREAM_KAFKA_GROUP_ID", "env-group",
                "LAKEHOUSE_MARTS_SCHEMA", "env_schema",
                "LAKEHOUSE_CATALOG_JDBC_PASSWORD", "env-password",
                "UNRELATED", "x");
        Map<String, String> cli = Map.of("marts.schema", "cli_schema", "clickstream.kafka.starting-offsets", "latest");

        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(cli, Optional.of(file), env);

        assertThat(ClickstreamConfig.of(config).kafka().topic()).isEqualTo("from-file");
        assertThat(ClickstreamConfig.of(config).kafka().groupId()).isEqualTo("env-group");
        assertThat(config.marts().schema()).isEqualTo("cli_schema");
        assertThat(ClickstreamConfig.of(config).kafka().startingOffsets()).isEqualTo(StartingOffsets.LATEST);
        assertThat(config.catalog().s3SecretKey()).isEqualTo("file-secret");
        assertThat(config.catalog().jdbcPassword()).isEqualTo("env-password");
        assertThat(config.marts().connection().password()).isEqualTo("env-password");
        assertThat(config.toString()).doesNotContain("file-secret").doesNotContain("env-password");
    }

    @Test
    void secretsAreRefusedOnTheCommandLineWithWhereToPutThem() {
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of("s3.secret-key", "x"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("--s3.secret-key is a secret")
                .hasMessageContaining("LAKEHOUSE_S3_SECRET_KEY")
                .hasMessageContaining("--config file");
    }

    @Test
    void unknownKeysFailFastListingTheValidOnes() throws Exception {
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of("kafka.topik", "x"), Optional.empty(), Map.of()))
                .hasMessageContaining("Unknown option --kafka.topik")
                .hasMessageContaining("clickstream.kafka.topic");
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "kafka.bootstrap=x\n");
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(), Optional.of(file), Map.of()))
                .hasMessageContaining("Unknown keys [kafka.bootstrap]");
    }

    @Test
    void invalidValuesAreAllReportedWithTheirKeys() {
        Map<String, String> cli = Map.of(
                "pipeline.parallelism", "0",
                "clickstream.idleness", "soon",
                "catalog.warehouse", "/tmp/warehouse",
                "clickstream.kafka.starting-offsets", "middle",
                // An option without a default that cannot be read (it used to fail with a NullPointerException).
                "backfill.write-lake", "sometimes",
                "marts.schema", "Drop Table");

        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(cli, Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pipeline.parallelism: must be between 1 and 128")
                .hasMessageContaining("clickstream.idleness: cannot read 'soon'")
                .hasMessageContaining("catalog.warehouse: must start with s3://")
                .hasMessageContaining("kafka.starting-offsets: cannot read 'middle'")
                .hasMessageContaining("backfill.write-lake: cannot read 'sometimes'")
                .hasMessageContaining("marts.schema: must be a lower-case SQL identifier");
    }

    @Test
    void validationAndDedupeSettingsHaveDefaultsAndAreValidated() {
        ClickstreamSettings defaults = ClickstreamConfig.of(LakehouseJobs.PIPELINES.defaults()).clickstream();
        assertThat(defaults.validation()).isEqualTo(
                new EventValidation(16_384, Duration.ofHours(1), Instant.parse("2000-01-01T00:00:00Z")));
        assertThat(defaults.dedupeHorizon()).isEqualTo(Duration.ofHours(1));

        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("clickstream.max-payload-bytes", "4096",
                "clickstream.future-tolerance", "5 min", "clickstream.oldest-event-time", "2019-01-01T00:00:00Z",
                "clickstream.dedupe-horizon", "30 min"), Optional.empty(), Map.of());
        assertThat(ClickstreamConfig.of(config).clickstream().validation()).isEqualTo(
                new EventValidation(4096, Duration.ofMinutes(5), Instant.parse("2019-01-01T00:00:00Z")));
        assertThat(ClickstreamConfig.of(config).clickstream().dedupeHorizon()).isEqualTo(Duration.ofMinutes(30));

        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of("clickstream.max-payload-bytes", "10",
                        "clickstream.future-tolerance", "-1 s", "clickstream.oldest-event-time", "2000-01-01",
                        "clickstream.dedupe-horizon", "0 s"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.max-payload-bytes: must be between 64 and 1048576 but was 10")
                .hasMessageContaining("clickstream.future-tolerance: cannot read '-1 s'")
                .hasMessageContaining("clickstream.oldest-event-time: must be an ISO-8601 instant")
                .hasMessageContaining("clickstream.dedupe-horizon: must be greater than 0");
    }

    @Test
    void deprecatedKeysStillWorkAndTheCurrentKeyWinsAtTheSameLayer() throws Exception {
        Path file = dir.resolve("old.properties");
        Files.writeString(file, "marts.sessions.inactivity-timeout=10 min\nkafka.topic=old-topic\n"
                + "clickstream.kafka.topic=new-topic\n");

        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("marts.popular-products.top-n", "5"),
                Optional.of(file), Map.of("LAKEHOUSE_KAFKA_GROUP_ID", "old-env-group"));

        ClickstreamConfig clickstream = ClickstreamConfig.of(config);
        assertThat(clickstream.clickstream().marts().sessionTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(clickstream.clickstream().marts().popularTopN()).isEqualTo(5);
        assertThat(clickstream.kafka().topic()).isEqualTo("new-topic");
        assertThat(clickstream.kafka().groupId()).isEqualTo("old-env-group");
    }

    @Test
    void envNamesFollowTheRule() {
        assertThat(SharedOptions.envName("s3.secret-key")).isEqualTo("LAKEHOUSE_S3_SECRET_KEY");
        assertThat(SharedOptions.envName("kafka.bootstrap-servers")).isEqualTo("LAKEHOUSE_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void helpListsEveryKeyOfEveryGroupWithDefaultEnvNameAndDescription() {
        String help = ConfigHelp.render(LakehouseJobs.PIPELINES.optionGroups());

        int options = 0;
        for (OptionGroup<?> group : LakehouseJobs.PIPELINES.optionGroups()) {
            assertThat(help).contains(group.title() + ":");
            for (ConfigOption<?> option : group.options()) {
                assertThat(help).contains("--" + option.key()).contains(SharedOptions.envName(option.key()));
                options++;
            }
        }
        assertThat(help).contains("default: localhost:9092").contains("default: 5 s").contains("default: earliest");
        assertThat(help).contains("--clickstream.max-payload-bytes").contains("default: 16384")
                .contains("default: 2000-01-01T00:00:00Z").contains("FUTURE_TIMESTAMP").contains("DUPLICATE_EVENT_ID")
                .contains("deprecated key: kafka.topic (env LAKEHOUSE_KAFKA_TOPIC)");
        assertThat(help.indexOf("Shared:")).isLessThan(help.indexOf("Pipeline clickstream:"));
        assertThat(help).contains("default: raw;curated").contains("default: 128 mb");
        assertThat(options).isEqualTo(SharedOptions.ALL.size() + BackfillOptions.ALL.size() + ReplayOptions.ALL.size()
                + MaintenanceOptions.ALL.size() + ClickstreamOptions.ALL.size() + WarehouseOptions.GROUP.options().size()
                + RoadTrafficOptions.ALL.size()).isEqualTo(86);
    }

    @Test
    void maintenanceSettingsAreValidatedTogetherNamingEachKey() {
        MaintenanceSettings defaults = LakehouseJobs.PIPELINES.defaults().maintenance();
        assertThat(defaults.namespaces()).containsExactly("raw", "curated");
        assertThat(defaults.policy().targetFileSizeBytes()).isEqualTo(128L << 20);
        assertThat(defaults.policy().savepointRetention()).isEqualTo(Duration.ofDays(1));

        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(
                        "maintenance.savepoint-retention", "7 d", "maintenance.orphan-file-age", "3 d",
                        "maintenance.protected-jobs", "not-a-job-id", "maintenance.min-input-files", "1"),
                Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("maintenance.orphan-file-age: must be at least maintenance.savepoint-retention")
                .hasMessageContaining("maintenance.protected-jobs: must be Flink job ids of 32 lower-case hex digits")
                .hasMessageContaining("maintenance.min-input-files: must be between 2 and 10000");
    }

    @Test
    void aDeclaredEventFormatIsReadAndEveryMistakeIsReportedWithItsKey() {
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.format.fields", "user_session:session_id, device:/context/device",
                "clickstream.format.event-types", "page_view:view,add_to_cart:cart",
                "clickstream.format.defaults", "category_id:0,brand:none",
                "clickstream.format.id-patterns", "user_id:u######,product_id:p####"), Optional.empty(), Map.of());
        EventFormat format = ClickstreamConfig.of(config).clickstream().validation().format();
        assertThat(format.sourcePointer("user_session")).isEqualTo("/session_id");
        assertThat(format.sourcePointer("device")).isEqualTo("/context/device");
        assertThat(format.sourcePointer("price")).isEqualTo("/price");
        assertThat(format.eventTypes()).isEqualTo(Map.of("page_view", "view", "add_to_cart", "cart"));
        assertThat(format.defaults()).isEqualTo(Map.of("category_id", "0", "brand", "none"));
        assertThat(format.idPatterns()).isEqualTo(Map.of("user_id", new IdPattern("u", 6), "product_id",
                new IdPattern("p", 4)));
        assertThat(format.derivedEventIds()).isFalse();
        assertThat(ClickstreamConfig.of(LakehouseJobs.PIPELINES.defaults()).clickstream().validation().format())
                .isEqualTo(EventFormat.dataset());
        EventFormat deriving = ClickstreamConfig.of(LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.format.derive-event-ids", "true"), Optional.empty(), Map.of())).clickstream()
                .validation().format();
        assertThat(deriving.derivedEventIds()).isTrue();
        assertThat(deriving.isDataset()).isFalse();

        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.format.fields", "sesion:session_id,user_id:/a,product_id:/a/b",
                "clickstream.format.event-types", "page_view:look",
                "clickstream.format.id-patterns", "user_id:u###x,brand:b##"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.format.fields: 'sesion' is not a contract field")
                .hasMessageContaining("clickstream.format.event-types: 'page_view' maps to 'look', which is not a "
                        + "contract event type")
                .hasMessageContaining("clickstream.format.id-patterns: ")
                .hasMessageContaining("'brand' is not an id field")
                .hasMessageContaining("user_id: the digits (#) of an id pattern must end it");
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.format.fields", "user_id:/a,product_id:/a/b,category_id:user_session"),
                Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("product_id is read from /a/b, inside /a of user_id")
                .hasMessageContaining("category_id and user_session are both read from /user_session");
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.format.id-patterns", "user_id:u####",
                "clickstream.format.defaults", "user_id:u12,event_time:now,event_type:click,price:-1"),
                Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.format.defaults: ")
                .hasMessageContaining("user_id default 'u12' does not match the id pattern u####")
                .hasMessageContaining("event_time default 'now' is not allowed")
                .hasMessageContaining("event_type default 'click' is neither a contract event type")
                .hasMessageContaining("price default '-1' is not a price");
    }

    @Test
    void trendingRefreshMustDivideTheWindow() {
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.marts.trending-products.window", "5 min",
                "clickstream.marts.trending-products.refresh", "2 min"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.marts.trending-products.refresh: must divide "
                        + "clickstream.marts.trending-products.window");
    }

    @Test
    void trendingFavoritesAreShapedByOptionsOfTheirOwn() {
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.marts.trending-favorites.window", "10 min",
                "clickstream.marts.trending-favorites.refresh", "2 min",
                "clickstream.marts.trending-favorites.top-n", "3",
                "clickstream.marts.search-queries.top-n", "7"), Optional.empty(), Map.of());
        ClickstreamMartSettings marts = ClickstreamConfig.of(config).clickstream().marts();
        assertThat(marts.trendingFavorites())
                .isEqualTo(new TrendingSettings(3, Duration.ofMinutes(10), Duration.ofMinutes(2)));
        assertThat(marts.trendingProducts())
                .isEqualTo(new TrendingSettings(10, Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThat(marts.searchQueriesTopN()).isEqualTo(7);
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of(
                "clickstream.marts.trending-favorites.refresh", "2 min"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("clickstream.marts.trending-favorites.refresh: must divide "
                        + "clickstream.marts.trending-favorites.window");
    }

    @Test
    void backfillRangeAcceptsDatesAndInstantsAndDefaultsLakeWritesBySource() {
        LakehouseConfig config = LakehouseJobs.PIPELINES.loadConfig(Map.of("backfill.source", "files", "backfill.files", "/data/*.csv.gz",
                "backfill.from", "2019-10-01", "backfill.until", "2019-10-02T06:00:00Z"), Optional.empty(), Map.of());

        assertThat(config.backfill().range()).isEqualTo(new EventTimeRange(
                java.time.Instant.parse("2019-10-01T00:00:00Z"), java.time.Instant.parse("2019-10-02T06:00:00Z")));
        assertThat(config.backfill().writesLake()).isTrue();
        assertThat(LakehouseJobs.PIPELINES.loadConfig(Map.of("backfill.source", "kafka"), Optional.empty(), Map.of())
                .backfill().writesLake()).isFalse();
        assertThat(LakehouseJobs.PIPELINES.defaults().backfill().range().isAll()).isTrue();
    }

    @Test
    void backfillProblemsAreReportedTogether() {
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of("backfill.source", "files", "backfill.from", "2019-10-02",
                "backfill.until", "2019-10-01"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backfill.until: must be after backfill.from")
                .hasMessageContaining("backfill.files: is required by --backfill.source files");
        assertThatThrownBy(() -> LakehouseJobs.PIPELINES.loadConfig(Map.of("backfill.source", "lake", "backfill.write-lake", "true",
                "backfill.from", "yesterday"), Optional.empty(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backfill.write-lake: cannot be true for --backfill.source lake")
                .hasMessageContaining("backfill.from: must be a UTC date such as 2019-10-01 or an ISO-8601 instant but was 'yesterday'");
    }
}

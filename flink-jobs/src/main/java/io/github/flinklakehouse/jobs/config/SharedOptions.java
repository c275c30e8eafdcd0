package io.github.flinklakehouse.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import io.github.flinklakehouse.catalog.CatalogSettings;
import io.github.flinklakehouse.connectors.jdbc.JdbcConnectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;

/**
 * The options every pipeline shares: where the lake (Iceberg JDBC catalog on S3), the marts database and Kafka are,
 * and how the jobs run (checkpoints, parallelism). Defaults target the local stack.
 */
public final class SharedOptions implements OptionGroup<SharedSettings> {

    /** The group, for {@link ConfigLoader}. */
    public static final SharedOptions GROUP = new SharedOptions();

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092").withDescription("Kafka bootstrap servers, host:port[,host:port].");

    public static final ConfigOption<String> CATALOG_NAME = key("catalog.name")
            .stringType().defaultValue("lakehouse").withDescription("Iceberg catalog name.");
    public static final ConfigOption<String> CATALOG_JDBC_URL = key("catalog.jdbc.url")
            .stringType().defaultValue("jdbc:postgresql://localhost:5432/lakehouse")
            .withDescription("JDBC URL of the PostgreSQL database holding the Iceberg JDBC catalog.");
    public static final ConfigOption<String> CATALOG_JDBC_USER = key("catalog.jdbc.user")
            .stringType().defaultValue("lakehouse").withDescription("Catalog database user.");
    public static final ConfigOption<String> CATALOG_JDBC_PASSWORD = key("catalog.jdbc.password")
            .stringType().defaultValue("").withDescription("Catalog database password (secret: environment or file only).");
    public static final ConfigOption<String> CATALOG_WAREHOUSE = key("catalog.warehouse")
            .stringType().defaultValue("s3://lakehouse/warehouse").withDescription("Iceberg warehouse root, s3://bucket/path.");

    public static final ConfigOption<String> S3_ENDPOINT = key("s3.endpoint")
            .stringType().defaultValue("http://localhost:9000").withDescription("S3 API endpoint.");
    public static final ConfigOption<String> S3_ACCESS_KEY = key("s3.access-key")
            .stringType().defaultValue("lakehouse").withDescription("S3 access key id.");
    public static final ConfigOption<String> S3_SECRET_KEY = key("s3.secret-key")
            .stringType().defaultValue("").withDescription("S3 secret access key (secret: environment or file only).");
    public static final ConfigOption<String> S3_REGION = key("s3.region")
            .stringType().defaultValue("us-east-1").withDescription("S3 region (S3-compatible stores accept any).");
    public static final ConfigOption<Boolean> S3_PATH_STYLE_ACCESS = key("s3.path-style-access")
            .booleanType().defaultValue(true).withDescription("Address buckets by path (needed by S3Proxy and MinIO).");

    public static final ConfigOption<String> MARTS_JDBC_URL = key("marts.jdbc.url")
            .stringType().noDefaultValue().withDescription("JDBC URL of the marts database; defaults to catalog.jdbc.url.");
    public static final ConfigOption<String> MARTS_JDBC_USER = key("marts.jdbc.user")
            .stringType().noDefaultValue().withDescription("Marts database user; defaults to catalog.jdbc.user.");
    public static final ConfigOption<String> MARTS_JDBC_PASSWORD = key("marts.jdbc.password")
            .stringType().noDefaultValue()
            .withDescription("Marts database password (secret: environment or file only); defaults to catalog.jdbc.password.");
    public static final ConfigOption<String> MARTS_SCHEMA = key("marts.schema")
            .stringType().defaultValue("marts").withDescription("PostgreSQL schema of the marts.");
    public static final ConfigOption<Duration> MARTS_FLUSH_INTERVAL = key("marts.flush-interval")
            .durationType().defaultValue(Duration.ofSeconds(1))
            .withDescription("How often a changed mart row is written (and the longest a JDBC batch waits).");
    public static final ConfigOption<String> MARTS_HOLD_BACK_BEFORE = key("marts.hold-back-before")
            .stringType().noDefaultValue()
            .withDescription("ISO-8601 instant: mart rows already in the database whose period began before it are "
                    + "never overwritten (a job started without state over existing marts saw those periods only in "
                    + "part; lakehouse run sets it then). Repair them with a lake backfill once closed.");

    public static final ConfigOption<Duration> PIPELINE_CHECKPOINT_INTERVAL = key("pipeline.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(10)).withDescription("Exactly-once checkpoint interval (Iceberg commits on checkpoints).");
    public static final ConfigOption<Integer> PIPELINE_PARALLELISM = key("pipeline.parallelism")
            .intType().defaultValue(2).withDescription("Job parallelism.");

    /** Every shared option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS,
            CATALOG_NAME, CATALOG_JDBC_URL, CATALOG_JDBC_USER, CATALOG_JDBC_PASSWORD, CATALOG_WAREHOUSE,
            S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_PATH_STYLE_ACCESS,
            MARTS_JDBC_URL, MARTS_JDBC_USER, MARTS_JDBC_PASSWORD, MARTS_SCHEMA, MARTS_FLUSH_INTERVAL,
            MARTS_HOLD_BACK_BEFORE,
            PIPELINE_CHECKPOINT_INTERVAL, PIPELINE_PARALLELISM);

    /** Prefix of environment variables carrying options. */
    public static final String ENV_PREFIX = "LAKEHOUSE_";

    private SharedOptions() {
    }

    /** Returns the environment variable of {@code key}: {@code LAKEHOUSE_} + key upper-cased, {@code .}/{@code -} → {@code _}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public String title() {
        return "Shared: the lake, the marts database, Kafka, checkpoints";
    }

    @Override
    public List<ConfigOption<?>> options() {
        return ALL;
    }

    @Override
    public List<String> secretKeys() {
        return List.of(CATALOG_JDBC_PASSWORD.key(), MARTS_JDBC_PASSWORD.key(), S3_SECRET_KEY.key());
    }

    @Override
    public SharedSettings read(OptionReader v) {
        String catalogUrl = v.jdbcUrl(CATALOG_JDBC_URL);
        String catalogUser = v.nonBlank(CATALOG_JDBC_USER);
        String catalogPassword = v.get(CATALOG_JDBC_PASSWORD);
        CatalogSettings catalog = new CatalogSettings(
                v.nonBlank(CATALOG_NAME), catalogUrl, catalogUser, catalogPassword,
                v.prefixed(CATALOG_WAREHOUSE, "s3://"), v.prefixed(S3_ENDPOINT, "http://", "https://"),
                v.nonBlank(S3_ACCESS_KEY), v.get(S3_SECRET_KEY), v.nonBlank(S3_REGION), v.get(S3_PATH_STYLE_ACCESS));
        MartsSettings marts = new MartsSettings(
                new JdbcConnectionSettings(
                        v.optional(MARTS_JDBC_URL).map(u -> v.jdbcUrl(MARTS_JDBC_URL)).orElse(catalogUrl),
                        v.optional(MARTS_JDBC_USER).orElse(catalogUser),
                        v.optional(MARTS_JDBC_PASSWORD).orElse(catalogPassword)),
                v.identifier(MARTS_SCHEMA), v.positive(MARTS_FLUSH_INTERVAL),
                v.optional(MARTS_HOLD_BACK_BEFORE).map(value -> v.instant(MARTS_HOLD_BACK_BEFORE)).orElse(null));
        PipelineSettings pipeline = new PipelineSettings(
                v.positive(PIPELINE_CHECKPOINT_INTERVAL), v.parallelism(PIPELINE_PARALLELISM));
        return new SharedSettings(v.nonBlank(KAFKA_BOOTSTRAP_SERVERS), catalog, marts, pipeline);
    }
}

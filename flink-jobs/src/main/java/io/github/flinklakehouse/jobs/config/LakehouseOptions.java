package io.github.flinklakehouse.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;

/**
 * Every configuration key of the lakehouse jobs, with its type, default (targeting the local stack) and description.
 *
 * <p>{@link ConfigLoader} reads them with precedence defaults &lt; file &lt; environment &lt; command line;
 * {@link ConfigHelp} renders them for {@code --help}.
 */
public final class LakehouseOptions {

    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = key("kafka.bootstrap-servers")
            .stringType().defaultValue("localhost:9092").withDescription("Kafka bootstrap servers, host:port[,host:port].");
    public static final ConfigOption<String> KAFKA_TOPIC = key("kafka.topic")
            .stringType().defaultValue("clickstream.events").withDescription("Topic of clickstream events (JSON, one object per record).");
    public static final ConfigOption<String> KAFKA_GROUP_ID = key("kafka.group-id")
            .stringType().defaultValue("lakehouse-clickstream").withDescription("Kafka consumer group id (offsets are committed on checkpoints).");
    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS = key("kafka.starting-offsets")
            .enumType(StartingOffsets.class).defaultValue(StartingOffsets.EARLIEST)
            .withDescription("Where to start without a checkpoint: earliest, latest or committed.");

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
    public static final ConfigOption<Integer> MARTS_POPULAR_TOP_N = key("marts.popular-products.top-n")
            .intType().defaultValue(20).withDescription("Products per day in popular_products_daily.");
    public static final ConfigOption<Integer> MARTS_TRENDING_TOP_N = key("marts.trending-products.top-n")
            .intType().defaultValue(10).withDescription("Products per refresh in trending_products.");
    public static final ConfigOption<Duration> MARTS_TRENDING_WINDOW = key("marts.trending-products.window")
            .durationType().defaultValue(Duration.ofMinutes(5))
            .withDescription("How far back (event time) trending_products counts carts.");
    public static final ConfigOption<Duration> MARTS_TRENDING_REFRESH = key("marts.trending-products.refresh")
            .durationType().defaultValue(Duration.ofMinutes(1))
            .withDescription("How often (event time) trending_products gets a new ranking; must divide the window.");
    public static final ConfigOption<Duration> MARTS_SESSION_TIMEOUT = key("marts.sessions.inactivity-timeout")
            .durationType().defaultValue(Duration.ofMinutes(30))
            .withDescription("Event-time inactivity after which a session's row in sessions is final.");

    public static final ConfigOption<Duration> CLICKSTREAM_MAX_OUT_OF_ORDERNESS = key("clickstream.max-out-of-orderness")
            .durationType().defaultValue(Duration.ofSeconds(5)).withDescription("Bounded out-of-orderness of event times (watermark lag).");
    public static final ConfigOption<Duration> CLICKSTREAM_IDLENESS = key("clickstream.idleness")
            .durationType().defaultValue(Duration.ofSeconds(30)).withDescription("A source split without events for this long stops holding back the watermark.");
    public static final ConfigOption<Duration> CLICKSTREAM_ALLOWED_LATENESS = key("clickstream.allowed-lateness")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How far behind the watermark an event may arrive and still count in the marts; later ones "
                    + "are kept in the raw table, become LATE dead letters and are counted in pipeline_freshness.");
    public static final ConfigOption<Integer> CLICKSTREAM_MAX_PAYLOAD_BYTES = key("clickstream.max-payload-bytes")
            .intType().defaultValue(16 * 1024)
            .withDescription("Largest accepted record in bytes; larger ones become OVERSIZED dead letters.");
    public static final ConfigOption<Duration> CLICKSTREAM_FUTURE_TOLERANCE = key("clickstream.future-tolerance")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("How far event_time may lie after the record's Kafka timestamp (never the wall clock, so "
                    + "replays agree); later ones become FUTURE_TIMESTAMP dead letters.");
    public static final ConfigOption<String> CLICKSTREAM_OLDEST_EVENT_TIME = key("clickstream.oldest-event-time")
            .stringType().defaultValue("2000-01-01T00:00:00Z")
            .withDescription("ISO-8601 instant; events before it become TOO_OLD dead letters.");
    public static final ConfigOption<Duration> CLICKSTREAM_DEDUPE_HORIZON = key("clickstream.dedupe-horizon")
            .durationType().defaultValue(Duration.ofHours(1))
            .withDescription("An event_id seen again within this event-time distance is a producer retry: "
                    + "dropped from the raw table and marts and recorded as a DUPLICATE_EVENT_ID dead letter.");

    public static final ConfigOption<String> REPLAY_REASON = key("replay.reason")
            .stringType().noDefaultValue()
            .withDescription("clickstream-replay only: the reason code of the rejected records to re-read, e.g. OVERSIZED.");
    public static final ConfigOption<String> REPLAY_SEEN_FROM = key("replay.seen-from")
            .stringType().noDefaultValue()
            .withDescription("clickstream-replay only: ISO-8601 instant; only records first seen at or after it.");
    public static final ConfigOption<String> REPLAY_SEEN_UNTIL = key("replay.seen-until")
            .stringType().noDefaultValue()
            .withDescription("clickstream-replay only: ISO-8601 instant; only records first seen before it.");

    public static final ConfigOption<BackfillSource> BACKFILL_SOURCE = key("backfill.source")
            .enumType(BackfillSource.class).noDefaultValue()
            .withDescription("clickstream-backfill only: what to read: files, lake (raw.clickstream_events) or kafka.");
    public static final ConfigOption<String> BACKFILL_FILES = key("backfill.files")
            .stringType().noDefaultValue()
            .withDescription("clickstream-backfill from files: comma-separated CSV files (dataset format, .gz "
                    + "gunzipped), folders or globs in the last path segment; local, file:// or s3:// paths.");
    public static final ConfigOption<String> BACKFILL_FROM = key("backfill.from")
            .stringType().noDefaultValue()
            .withDescription("clickstream-backfill only: first event time to include, a UTC date (2019-10-01) or "
                    + "an ISO-8601 instant; absent = unbounded.");
    public static final ConfigOption<String> BACKFILL_UNTIL = key("backfill.until")
            .stringType().noDefaultValue()
            .withDescription("clickstream-backfill only: event time to stop before (exclusive), a UTC date or an "
                    + "ISO-8601 instant; absent = unbounded.");
    public static final ConfigOption<Boolean> BACKFILL_WRITE_LAKE = key("backfill.write-lake")
            .booleanType().noDefaultValue()
            .withDescription("clickstream-backfill only: append accepted events and dead letters to the raw "
                    + "tables; default true for files, false for kafka, never for lake.");
    public static final ConfigOption<String> BACKFILL_KAFKA_START = key("backfill.kafka.start")
            .stringType().defaultValue("earliest")
            .withDescription("clickstream-backfill from kafka: earliest, an ISO-8601 instant, or "
                    + "partition:offset[,partition:offset...].");
    public static final ConfigOption<String> BACKFILL_KAFKA_STOP = key("backfill.kafka.stop")
            .stringType().defaultValue("latest")
            .withDescription("clickstream-backfill from kafka: latest (at job start), an ISO-8601 instant, or "
                    + "partition:offset[,...]; exclusive.");

    public static final ConfigOption<Duration> PIPELINE_CHECKPOINT_INTERVAL = key("pipeline.checkpoint-interval")
            .durationType().defaultValue(Duration.ofSeconds(10)).withDescription("Exactly-once checkpoint interval (Iceberg commits on checkpoints).");
    public static final ConfigOption<Integer> PIPELINE_PARALLELISM = key("pipeline.parallelism")
            .intType().defaultValue(2).withDescription("Job parallelism.");

    /** Every option, in the order {@code --help} lists them. */
    public static final List<ConfigOption<?>> ALL = List.of(
            KAFKA_BOOTSTRAP_SERVERS, KAFKA_TOPIC, KAFKA_GROUP_ID, KAFKA_STARTING_OFFSETS,
            CATALOG_NAME, CATALOG_JDBC_URL, CATALOG_JDBC_USER, CATALOG_JDBC_PASSWORD, CATALOG_WAREHOUSE,
            S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_REGION, S3_PATH_STYLE_ACCESS,
            MARTS_JDBC_URL, MARTS_JDBC_USER, MARTS_JDBC_PASSWORD, MARTS_SCHEMA, MARTS_FLUSH_INTERVAL,
            MARTS_POPULAR_TOP_N, MARTS_TRENDING_TOP_N, MARTS_TRENDING_WINDOW, MARTS_TRENDING_REFRESH,
            MARTS_SESSION_TIMEOUT,
            CLICKSTREAM_MAX_OUT_OF_ORDERNESS, CLICKSTREAM_IDLENESS, CLICKSTREAM_ALLOWED_LATENESS,
            CLICKSTREAM_MAX_PAYLOAD_BYTES, CLICKSTREAM_FUTURE_TOLERANCE, CLICKSTREAM_OLDEST_EVENT_TIME,
            CLICKSTREAM_DEDUPE_HORIZON,
            REPLAY_REASON, REPLAY_SEEN_FROM, REPLAY_SEEN_UNTIL,
            BACKFILL_SOURCE, BACKFILL_FILES, BACKFILL_FROM, BACKFILL_UNTIL, BACKFILL_WRITE_LAKE,
            BACKFILL_KAFKA_START, BACKFILL_KAFKA_STOP,
            PIPELINE_CHECKPOINT_INTERVAL, PIPELINE_PARALLELISM);

    /** Keys that may only come from the environment or a file, and are redacted when printed. */
    public static final Set<String> SECRET_KEYS = Set.of(
            CATALOG_JDBC_PASSWORD.key(), MARTS_JDBC_PASSWORD.key(), S3_SECRET_KEY.key());

    /** Prefix of environment variables carrying options. */
    public static final String ENV_PREFIX = "LAKEHOUSE_";

    private LakehouseOptions() {
    }

    /** Returns the environment variable of {@code key}: {@code LAKEHOUSE_} + key upper-cased, {@code .}/{@code -} → {@code _}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
